// Package singleton defines connlint's `singleton` analyzer: a database
// client (a connection pool or a server connection) is constructed outside
// the one place that should build it, once, for the process.
//
// # Analyzer singleton
//
// singleton: a database client is constructed outside the singleton
//
// Clients are built by the catalog's constructors (sql.Open, sqlx.Connect,
// pgx.Connect, pgxpool.New, gorm.Open, redis.NewClient, mongo.Connect,
// bun.NewDB, ent's and prisma-client-go's generated constructors...) and by
// wrappers: functions that return a client they built, or a struct holding
// one (exported as facts, so wrappers in other packages count).
//
// A construction is reported when:
//
//  1. it runs per call: in a loop body, or in an HTTP handler (a function or
//     closure taking (http.ResponseWriter, *http.Request), *gin.Context,
//     echo.Context or *fiber.Ctx), directly or through a wrapper;
//  2. it is short-lived and runs per call: outside package main, in a
//     function other than init, TestMain or a sync.Once body, the client
//     does not escape the function (returned, stored in a field or package
//     variable, passed on), and the function (a builder) is called in a loop
//     body or an HTTP handler, directly or through other builders (the
//     package's call graph, and a fact across packages); the call is
//     reported. A builder run once (a startup admin connection, a migration)
//     is left to the release rule;
//  3. a singleton exists and this is not it: the configured singleton paths
//     (.connlint.yml `singleton:`), or a package of the same module that keeps
//     a client of the same kind in a package-level variable or behind a
//     sync.Once, which the constructing package imports.
//
// Package-level, init, main and sync.Once constructions that make a package
// the singleton are never reported, nor are test files and test helpers
// (functions taking a *testing.T, *testing.B, *testing.F or testing.TB). A
// loop whose iterations go on only after a failure (a retry, a readiness
// probe) builds one client per call, not per iteration, and a builder
// called in one is not called per call.
//
// Verdicts returns this rule run with fact types of its own and reporting
// nothing: the release analyzer requires it so as not to report a second
// time the missing Close of a construction reported here.
//
// The cases of every shape of RULES.md, positive and negative, are listed in
// testdata/src/singleton/README.md; docs/go.md gives the decisions taken
// where RULES.md is silent.
//
// Bad:
//
//	func (h *Handler) Users(w http.ResponseWriter, r *http.Request) {
//		db, err := sql.Open("pgx", h.dsn) // a new pool per request
//		...
//	}
//
// Good:
//
//	var db = mustOpen() // or built once in main and handed to the handler
//
//	func (h *Handler) Users(w http.ResponseWriter, r *http.Request) {
//		rows, err := h.db.QueryContext(r.Context(), "SELECT ...")
//		...
//	}
package singleton
