package jsts

import (
	"math/rand"
	"os"
	"path"
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

// literalBytes answers like the string version it replaced, on specifiers
// built from the needles' parts.
func TestNeedleLiteralBytes(t *testing.T) {
	ns := newNeedleSet()
	for _, s := range []string{"db", "prisma", "index", "lib", "client"} {
		ns.segs[s] = true
	}
	for _, s := range []string{"@acme/db", "shared", "@/lib/db", "~db"} {
		ns.full[s] = true
	}
	parts := []string{"@acme", "db", "db.ts", "prisma", ".", "..", "", "/", "@", "shared", "lib", "x.js", "index.mjs", "~db", "@/lib/db", ".gitignore", "client", "a.b.c"}
	r := rand.New(rand.NewSource(2))
	hits := 0
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for j := r.Intn(5); j >= 0; j-- {
			if j > 0 || r.Intn(2) == 0 {
				b.WriteString(parts[r.Intn(len(parts))])
			}
			if r.Intn(3) > 0 {
				b.WriteByte('/')
			}
		}
		s := b.String()
		want := ns.literalRef(s)
		if want {
			hits++
		}
		if got := ns.literalBytes([]byte(s)); got != want {
			t.Fatalf("literalBytes(%q) = %v, want %v", s, got, want)
		}
	}
	if hits == 0 {
		t.Fatal("no generated specifier matched: the test checks nothing")
	}
}

// literalRef is the string version literalBytes replaced, kept as its
// reference.
func (n *needleSet) literalRef(lit string) bool {
	if lit == "" || len(lit) > 300 {
		return false
	}
	if n.full[lit] {
		return true
	}
	// @scope/name/sub or name/sub: the package name
	if name, _ := splitPkg(lit); name != lit && n.full[name] {
		return true
	}
	for _, seg := range strings.Split(lit, "/") {
		if seg == "" {
			continue
		}
		if n.segs[seg] {
			return true
		}
		if ext := path.Ext(seg); ext != "" && n.segs[strings.TrimSuffix(seg, ext)] {
			return true
		}
	}
	return false
}
