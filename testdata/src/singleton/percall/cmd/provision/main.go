// Command provision creates each tenant's database. In package main only
// rules 1 and 3 apply: a builder called in its loop is not reported (a
// command run once, over databases that each need their own connection).
package main

import (
	"context"
	"log"
	"os"

	"singleton/percall/lib"
)

func main() {
	ctx := context.Background()
	for _, t := range os.Args[1:] {
		if err := lib.CreateDatabase(ctx, os.Getenv("ADMIN_DSN"), t); err != nil {
			log.Fatal(err)
		}
	}
}
