// Command worker runs the queue.
package main

import (
	"log"
	"os"

	"example.com/orders/internal/cache"
	"example.com/orders/internal/jobs"
)

func main() {
	if err := jobs.Init(); err != nil {
		log.Fatal(err)
	}
	if _, err := jobs.Archive(os.Getenv("ARCHIVE_URL")); err != nil {
		log.Fatal(err)
	}
	queue := cache.New(os.Getenv("REDIS_ADDR"))
	locks := cache.New(os.Getenv("REDIS_ADDR"))
	defer queue.Close()
	defer locks.Close()
}
