// Command worker drains the queue through its own small pool.
package main

import (
	"database/sql"
	"log"
	"os"

	_ "github.com/jackc/pgx/v5/stdlib"
)

func main() {
	queue, err := sql.Open("pgx", os.Getenv("DATABASE_URL")) // pools: max=2 source=setter server=postgres
	if err != nil {
		log.Fatal(err)
	}
	queue.SetMaxOpenConns(2)
	defer queue.Close()
}
