package lint

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/internal/goload"
)

// cacheEnv turns the standard library declarations cache off ("off") or
// moves it (a folder); by default it lives in the user cache folder.
const cacheEnv = "CONNLINT_CACHE"

// declCache is the standard library declarations cache for a run with cfg,
// or nil when it is off or no folder can hold it. Its salt is what decides
// which packages the screen lets go: the binary (its code and its built-in
// catalog) and the clients the configuration adds.
func declCache(cfg *config.Config) *goload.DeclCache {
	dir := os.Getenv(cacheEnv)
	switch dir {
	case "off":
		return nil
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		dir = filepath.Join(base, "connlint", "decls")
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return nil
	}
	clients, err := json.Marshal(cfg.Clients)
	if err != nil {
		return nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s", exe, fi.Size(), fi.ModTime().UnixNano(), clients)
	c := &goload.DeclCache{Dir: dir, Salt: h.Sum(nil)}
	c.Trim(unusedDecls)
	return c
}

// unusedDecls is how long entries stay that no run reads: each new
// connlint binary or Go release leaves its own behind.
const unusedDecls = 7 * 24 * time.Hour
