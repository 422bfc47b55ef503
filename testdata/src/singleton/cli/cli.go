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

func vetCmd(dsns []string) *cobra.Command {
	return &cobra.Command{
		Use: "vet",
		RunE: func(cmd *cobra.Command, args []string) error {
			return vetAll(dsns)
		},
	}
}

// vetAll is command code: the package calls it only from a command body.
// It goes over the configured databases once per run of the command, so
// its loop does not make countRows per call.
func vetAll(dsns []string) error {
	for _, dsn := range dsns {
		if _, err := countRows(dsn, "users"); err != nil {
			return err
		}
	}
	return nil
}

// A function as the command body is command code too.
var checkCmd = &cobra.Command{Use: "check", RunE: runCheck}

func runCheck(cmd *cobra.Command, args []string) error {
	for _, dsn := range args {
		if _, err := countRows(dsn, "jobs"); err != nil {
			return err
		}
	}
	return nil
}

// A plain function of the package is not command code: its loop opens a
// pool per iteration.
func sweep(dsns []string) {
	for _, dsn := range dsns {
		_, _ = countRows(dsn, "sessions") // want `countRows builds a short-lived \*sql.DB on every call, and it is called inside a loop`
	}
}
