package use

import (
	"context"
	"net/http"

	"singleton/wrappers/lib"
)

type API struct {
	dsn string
}

func (a *API) report(w http.ResponseWriter, r *http.Request) {
	db, err := lib.OpenDB(a.dsn) // want `lib.OpenDB builds a new \*sql.DB in the HTTP handler report`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer db.Close()
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) cached(w http.ResponseWriter, r *http.Request) {
	c := lib.NewCache("cache:6379", "api:") // want `lib.NewCache builds a new \*lib.Cache in the HTTP handler cached`
	_ = c
}

func warmAll(ctx context.Context, dsns []string) {
	for _, dsn := range dsns {
		p := lib.MustPool(ctx, dsn) // want `lib.MustPool builds a new \*pgxpool.Pool inside a loop`
		p.Close()
	}
}

// Called once at startup: a wrapper call outside loops and handlers is fine.
func Setup(dsn string) (*lib.Repo, error) {
	db, err := lib.OpenDB(dsn)
	if err != nil {
		return nil, err
	}
	return lib.NewRepo(db), nil
}

// A wrapper called in a handler kept in a package variable.
var handleCacheVar = func(w http.ResponseWriter, r *http.Request) {
	c := lib.NewCache("cache:6379", "api:") // want `lib.NewCache builds a new \*lib.Cache in the HTTP handler handleCacheVar`
	_ = c
}
