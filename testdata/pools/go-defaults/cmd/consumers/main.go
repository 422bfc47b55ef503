// Command consumers runs one consumer per configured outbox.
package main

import (
	"context"
	"log"
	"os"
	"strings"

	"example.com/defaults/internal/consumer"
)

func main() {
	ctx := context.Background()
	locks := consumer.NewLocks(os.Getenv("REDIS_ADDR"))
	defer locks.Close()
	audit := consumer.NewLocks(os.Getenv("AUDIT_REDIS_ADDR"))
	defer audit.Close()
	// One pool per configured outbox: as many as the configuration lists.
	for _, dsn := range strings.Split(os.Getenv("OUTBOX_DSNS"), ",") {
		c, err := consumer.New(ctx, dsn, "outbox")
		if err != nil {
			log.Fatal(err)
		}
		defer c.Close()
	}
}
