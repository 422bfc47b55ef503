// Package jobs is the worker's database: nobody bounded it.
package jobs

import (
	"database/sql"
	"os"

	_ "github.com/go-sql-driver/mysql"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

var queueDB *sql.DB

// Init opens the queue database.
func Init() error {
	var err error
	queueDB, err = sql.Open("mysql", os.Getenv("QUEUE_DSN")) // pools: state=unbounded server=mysql
	return err
}

// Archive opens the archive store.
func Archive(uri string) (*mongo.Client, error) {
	return mongo.Connect(options.Client().ApplyURI(uri).SetMaxPoolSize(40)) // pools: max=40 source=setter server=mongodb
}
