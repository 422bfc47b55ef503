package jsts

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/config"
)

// The one-pass catalog scan answers like the needle-by-needle scan, on the
// fixtures and on texts built from needles, their parts and delimiters.
func TestMentionsOnePass(t *testing.T) {
	jc := newJSCatalog(config.Default(".").Catalog())
	if jc.needleSet == nil {
		t.Fatal("the catalog's needles should be scannable in one pass")
	}
	check := func(src []byte) {
		t.Helper()
		if got, want := jc.mentions(src), jc.mentionsEach(src); got != want {
			t.Fatalf("mentions(%q) = %v, needle by needle %v", src, got, want)
		}
	}
	files := 0
	_ = filepath.WalkDir(filepath.Join("..", "..", "testdata", "js"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if src, err := os.ReadFile(p); err == nil {
				check(src)
				files++
			}
		}
		return nil
	})
	if files == 0 {
		t.Fatal("no fixtures read")
	}
	var parts []string
	for _, n := range jc.needles {
		s := string(n)
		parts = append(parts, s, s[:len(s)/2], s[len(s)/2:], s+"x", "x"+s)
	}
	parts = append(parts, "'", "\"", "`", "/", "//", "./", " ", "a", "require(", "\n", "@", "-")
	r := rand.New(rand.NewSource(1))
	found := 0
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for j := r.Intn(8); j >= 0; j-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		src := []byte(b.String())
		if jc.mentionsEach(src) {
			found++
		}
		check(src)
	}
	if found == 0 {
		t.Fatal("no generated text mentions a catalog module: the test checks nothing")
	}
}
