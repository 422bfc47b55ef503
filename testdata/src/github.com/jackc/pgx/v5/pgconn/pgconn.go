// Package pgconn is a hand-written stub in the shape of
// github.com/jackc/pgx/v5/pgconn@v5.12.0 for connlint's analysistest, not the
// library. Only the declarations that connlint's test code needs are present.
package pgconn

import (
	"context"
	"crypto/tls"
	"time"
)

// CommandTag is the status text returned by PostgreSQL for a query.
type CommandTag struct {
	s string
}

// NewCommandTag makes a CommandTag from s.
func NewCommandTag(s string) CommandTag { return CommandTag{s: s} }

func (ct CommandTag) RowsAffected() int64 { return 0 }
func (ct CommandTag) String() string      { return ct.s }
func (ct CommandTag) Insert() bool        { return false }
func (ct CommandTag) Update() bool        { return false }
func (ct CommandTag) Delete() bool        { return false }
func (ct CommandTag) Select() bool        { return false }

// PgError is an error reported by the PostgreSQL server.
type PgError struct {
	Severity            string
	SeverityUnlocalized string
	Code                string
	Message             string
	Detail              string
	Hint                string
	Position            int32
	InternalPosition    int32
	InternalQuery       string
	Where               string
	SchemaName          string
	TableName           string
	ColumnName          string
	DataTypeName        string
	ConstraintName      string
	File                string
	Line                int32
	Routine             string
}

func (pe *PgError) Error() string    { return pe.Severity + ": " + pe.Message }
func (pe *PgError) SQLState() string { return pe.Code }

// FieldDescription describes one column of a result.
type FieldDescription struct {
	Name                 string
	TableOID             uint32
	TableAttributeNumber uint16
	DataTypeOID          uint32
	DataTypeSize         int16
	TypeModifier         int32
	Format               int16
}

// StatementDescription describes a prepared statement.
type StatementDescription struct {
	Name      string
	SQL       string
	ParamOIDs []uint32
	Fields    []FieldDescription
}

// Notification is a message received from LISTEN/NOTIFY.
type Notification struct {
	PID     uint32
	Channel string
	Payload string
}

// Config is the connection configuration (a subset of the real fields).
type Config struct {
	Host           string
	Port           uint16
	Database       string
	User           string
	Password       string
	TLSConfig      *tls.Config
	ConnectTimeout time.Duration
	RuntimeParams  map[string]string

	createdByParseConfig bool
}

// GetSSLPasswordFunc supplies the password of an encrypted client key.
type GetSSLPasswordFunc func(ctx context.Context) string

// ParseConfigOptions controls how a config is parsed.
type ParseConfigOptions struct {
	GetSSLPassword GetSSLPasswordFunc
}

// PgConn is a low-level PostgreSQL connection.
type PgConn struct {
	pid uint32
}

func (pgConn *PgConn) Close(ctx context.Context) error { return nil }
func (pgConn *PgConn) PID() uint32                     { return pgConn.pid }
func (pgConn *PgConn) IsClosed() bool                  { return false }
