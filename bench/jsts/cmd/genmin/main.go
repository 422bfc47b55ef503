// Command genmin writes a generated minified bundle of about N bytes
// (see gen.Minified): genmin out.js 10000000.
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/connlint/connlint/bench/jsts/gen"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: genmin FILE BYTES")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], gen.Minified(n, 1), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
