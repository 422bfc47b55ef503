// Package release defines connlint's `release` analyzer: a connection-holding
// resource must be released on every path from its acquisition to the end of
// the function, or its ownership must leave the function.
//
// # Analyzer release
//
// release: a connection-holding resource is not released on every path
//
// Resources are the results of the catalog's acquisitions: Query,
// QueryContext, Prepare, Begin, BeginTx, Conn, Acquire, SendBatch, Subscribe
// and their sqlx and pgx kin on the catalog's types or on interfaces (rows,
// statements, connections, transactions, batch results, subscriptions), the
// clients of the catalog's constructors built outside init, main and the
// functions main runs for the whole process (a *sql.DB, pgx connection,
// pool, redis, bun, sqlx, mongo or prisma client), and the results of any
// function that returns one of these, fresh on every return (a fact, across
// packages; a function it returns beside the value that releases it, a
// cleanup, takes the obligation over).
//
// The analyzer follows the function's control-flow graph from the
// acquisition. A path is done when it calls the release method (Close,
// Release, Commit or Rollback, Disconnect, Prisma.Disconnect), directly,
// deferred or in a deferred closure; when a `for rows.Next()` loop runs to
// its end (rows close themselves then; leaving the loop by return, break or
// goto does not close them); when pgx.CollectRows and its kin consume the
// rows; when ownership leaves the function: the value is returned, stored in
// a field, a package variable or a collection, sent on a channel, handed to a
// goroutine or a callback, or passed to a helper that releases or keeps it
// (helpers are recognised across packages with facts); or when it ends in a
// call that never returns (panic, os.Exit, log.Fatal, t.FailNow, and
// functions that always end in one). The `if err != nil` branch right after
// the acquisition carries no obligation: the resource is nil there.
//
// One finding is reported per leaked resource, at the acquisition, naming the
// path that leaks in its message and as a related location, with a
// suggested `defer x.Close()` after the error check where that is certain.
// A `defer x.Close()` in a loop body is reported too when x is acquired in
// that loop and an iteration can go on to the next one without releasing it
// otherwise: every such iteration's resource stays held until the function
// returns.
//
// One finding per construction: a client construction that the singleton
// rule reports as built per call (per request, per iteration) is not
// reported again for its missing Close; a second singleton and a builder
// whose call is reported are, and no finding hides another on its line.
// The analyzer requires singleton's verdicts (singleton.Verdicts) for
// that, so it holds under every driver.
//
// Ownership leaves only where it really does: a copy in another local is
// the same resource, a field of a struct the function built leaves with
// that struct, a cleanup closure releases where it is called, and
// pgxpool's Conn.Hijack ends the pool connection's obligation while the
// *pgx.Conn it returns becomes the resource.
//
// The cases of every shape of RULES.md, positive and negative, are listed in
// testdata/src/release/README.md; docs/go.md gives the decisions taken where
// RULES.md is silent.
//
// Bad:
//
//	func names(ctx context.Context, db *sql.DB) ([]string, error) {
//		rows, err := db.QueryContext(ctx, "SELECT name FROM users")
//		if err != nil {
//			return nil, err
//		}
//		var out []string
//		for rows.Next() {
//			var n string
//			if err := rows.Scan(&n); err != nil {
//				return nil, err // rows stay open: the connection is never given back
//			}
//			out = append(out, n)
//		}
//		return out, rows.Err()
//	}
//
// Good:
//
//	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
//	if err != nil {
//		return nil, err
//	}
//	defer rows.Close()
//
// Clients built in init, in main, in cobra or urfave/cli command bodies and
// in the functions main calls last and only there (the run idiom) live for
// the process and are not checked by this rule (the singleton rule looks at
// where they are built).
package release
