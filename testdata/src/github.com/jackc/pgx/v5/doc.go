// Package pgx is a hand-written stub in the shape of
// github.com/jackc/pgx/v5@v5.12.0 for connlint's analysistest, not the
// library.
//
// Declarations keep the real names, signatures, receiver kinds and interface
// method sets. Bodies are trivial, except where connlint's cross-package
// facts read them: the row helpers (ForEachRow, AppendRows, CollectRows,
// CollectOneRow, CollectExactlyOneRow) close their rows as the real ones do,
// and BeginFunc/BeginTxFunc end their transaction.
package pgx
