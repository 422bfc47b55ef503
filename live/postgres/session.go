package postgres

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/connlint/connlint/live/engine"
)

// Session is the one connection an engine holds to its server (PostgreSQL
// or PgBouncer's admin console): opened on first use, reused by every
// poll, reopened once when it turns out broken. Polls take turns on it, so
// a target never costs more than one connection.
type Session struct {
	cfg    *pgx.ConnConfig
	secret string // the DSN's password, scrubbed from every error

	mu   sync.Mutex
	conn *pgx.Conn
}

// NewSession returns a session that connects with cfg when first used.
func NewSession(cfg *pgx.ConnConfig, secret string) *Session {
	return &Session{cfg: cfg, secret: secret}
}

// Close closes the connection, if open.
func (s *Session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return nil
	}
	err := s.conn.Close(context.Background())
	s.conn = nil
	return err
}

// PID returns the backend pid of the session's connection (0 if none).
func (s *Session) PID() uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return 0
	}
	return s.conn.PgConn().PID()
}

// Do runs f on the connection, connecting first if needed and once more
// if the connection it had was broken (a server restart between polls).
// Errors come back classified and scrubbed.
func (s *Session) Do(ctx context.Context, f func(*pgx.Conn) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for attempt := 0; ; attempt++ {
		fresh := false
		if s.conn == nil || s.conn.IsClosed() {
			c, err := Connect(ctx, s.cfg, s.secret)
			if err != nil {
				return err
			}
			s.conn, fresh = c, true
		}
		err := f(s.conn)
		if err == nil {
			return nil
		}
		if _, ok := err.(*engine.Error); ok {
			return err
		}
		if Broken(s.conn, err) {
			s.conn.Close(context.Background())
			s.conn = nil
			if !fresh && attempt == 0 && ctx.Err() == nil {
				continue
			}
		}
		return ClassifyQuery(err, s.secret)
	}
}
