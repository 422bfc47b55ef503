// Command gentree writes the synthetic benchmark tree: gentree DIR [N].
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/connlint/connlint/bench/jsts/gen"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gentree DIR [N]")
		os.Exit(2)
	}
	n := 10000
	if len(os.Args) > 2 {
		n, _ = strconv.Atoi(os.Args[2])
	}
	total, err := gen.Tree(os.Args[1], n, 1)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d files, %d bytes\n", n, total)
}
