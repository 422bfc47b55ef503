// Package use calls lib's builders: once at startup (fine), per request
// and per iteration (a client each time, reported at the call).
package use

import (
	"context"
	"net/http"

	"singleton/percall/lib"
)

// Bootstrap runs once at startup: an admin connection, then the new
// database's own. Nothing to report; it is a builder itself.
func Bootstrap(ctx context.Context, adminDSN, appDSN string) error { // want Bootstrap:"builds short-lived \\*pgx.Conn"
	if err := lib.CreateDatabase(ctx, adminDSN, "app"); err != nil {
		return err
	}
	return lib.Migrate(ctx, appDSN)
}

type Server struct{ adminDSN string }

// Per request: an admin connection per request.
func (s *Server) CreateTenant(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	if err := lib.CreateDatabase(r.Context(), s.adminDSN, name); err != nil { // want `lib.CreateDatabase builds a short-lived \*pgx.Conn on every call, and it is called in the HTTP handler CreateTenant`
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// Per iteration: open the admin connection once and reuse it instead.
func ProvisionAll(ctx context.Context, adminDSN string, tenants []string) error {
	for _, t := range tenants {
		if err := lib.CreateDatabase(ctx, adminDSN, t); err != nil { // want `lib.CreateDatabase builds a short-lived \*pgx.Conn on every call, and it is called inside a loop`
			return err
		}
	}
	return nil
}

// Through a builder of this package, called per request.
func (s *Server) Reset(w http.ResponseWriter, r *http.Request) {
	_ = Bootstrap(r.Context(), s.adminDSN, "postgres:///app") // want `Bootstrap builds a short-lived \*pgx.Conn on every call, and it is called in the HTTP handler Reset`
}

// A wrapper's pool kept for the process: not a builder, nothing to report.
func Start(ctx context.Context, dsn string) (func(), error) {
	pool, err := lib.OpenPool(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return pool.Close, nil
}
