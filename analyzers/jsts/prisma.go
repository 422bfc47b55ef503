package jsts

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// A Prisma schema says where `prisma generate` writes the client: the
// `output` of a generator whose provider is a JavaScript client. An
// import of that folder (or of a file in it) is the Prisma client,
// whatever the folder is called (generated/run-ops), and whether or not
// it has been generated yet.

var (
	generatorBlock = regexp.MustCompile(`(?s)\bgenerator\s+\w+\s*\{(.*?)\}`)
	providerLine   = regexp.MustCompile(`(?m)^\s*provider\s*=\s*"([^"]+)"`)
	outputLine     = regexp.MustCompile(`(?m)^\s*output\s*=\s*"([^"]+)"`)
)

// jsClientProviders are the generators that write a JavaScript client.
var jsClientProviders = map[string]bool{"prisma-client-js": true, "prisma-client": true}

// prismaOutputs returns the client folders the schema file declares
// (absolute; none for the default output in node_modules).
func prismaOutputs(schema string) []string {
	data, err := os.ReadFile(schema)
	if err != nil {
		return nil
	}
	var out []string
	for _, m := range generatorBlock.FindAllSubmatch(stripPrismaComments(data), -1) {
		body := m[1]
		p := providerLine.FindSubmatch(body)
		o := outputLine.FindSubmatch(body)
		if p == nil || o == nil || !jsClientProviders[string(p[1])] {
			continue
		}
		out = append(out, filepath.Join(filepath.Dir(schema), string(o[1])))
	}
	return out
}

// stripPrismaComments drops // comments (a commented-out output line).
func stripPrismaComments(data []byte) []byte {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if j := strings.Index(l, "//"); j >= 0 && !strings.Contains(l[:j], `"`) {
			lines[i] = l[:j]
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// addPrismaSchemas records the client folders of the walked schemas.
func (c *fsCache) addPrismaSchemas(schemas []string) {
	for _, s := range schemas {
		c.prismaOut = append(c.prismaOut, prismaOutputs(s)...)
	}
}

// prismaNeedles: what an import of a declared client folder contains
// (the folder's name), for the prefilter.
func (c *fsCache) prismaNeedles() *needleSet {
	ns := newNeedleSet()
	for _, o := range c.prismaOut {
		ns.segs[filepath.Base(o)] = true
	}
	return ns
}

// inPrismaOutput: path (a file or a folder, with or without its
// extension) lies in a declared client folder.
func (c *fsCache) inPrismaOutput(path string) bool {
	for _, o := range c.prismaOut {
		if within(o, path) {
			return true
		}
	}
	return false
}
