// Package cli holds the program's commands: each runs once per process.
package cli

import (
	"database/sql"
	"fmt"

	"github.com/spf13/cobra"
)

func migrateCmd() *cobra.Command {
	return &cobra.Command{
		Use: "migrate",
		RunE: func(cmd *cobra.Command, args []string) error {
			dsn, _ := cmd.Flags().GetString("dsn")
			db, err := sql.Open("pgx", dsn)
			if err != nil {
				return err
			}
			defer db.Close()
			_, err = db.ExecContext(cmd.Context(), "CREATE TABLE IF NOT EXISTS t (id int)")
			return err
		},
	}
}

// A plain function building a short-lived client: nothing calls it per
// call (a handler, a loop), so it runs once as far as this package knows.
func countRows(dsn, table string) (int, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRow(fmt.Sprintf("SELECT count(*) FROM %s", table)).Scan(&n)
	return n, err
}
