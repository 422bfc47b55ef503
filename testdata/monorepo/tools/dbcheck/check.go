// Package dbcheck pings each database named on its command line.
package dbcheck

import (
	"database/sql"
)

// PingAll opens every database in a loop and never closes them.
func PingAll(dsns []string) error {
	for _, dsn := range dsns {
		db, err := sql.Open("postgres", dsn) // want singleton
		if err != nil {
			return err
		}
		if err := db.Ping(); err != nil {
			return err
		}
	}
	return nil
}
