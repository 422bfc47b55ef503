package livetest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	my "github.com/go-sql-driver/mysql"
)

// MySQL is the machine's MariaDB/MySQL server (CONNLINT_MYSQL_URL, default
// mysql://root@127.0.0.1:3306/ with an empty root password).
type MySQL struct {
	Host, Port string
	RootUser   string
	RootPass   string
	admin      *sql.DB
}

// MySQLServer returns the server, or skips/fails t when it cannot be reached.
// The test shares the server with other readers.
func MySQLServer(t testing.TB) *MySQL {
	t.Helper()
	return mysqlServer(t, false)
}

// MySQLServerExclusive is MySQLServer for a test that changes server-wide
// settings: no other connlint test uses the server meanwhile.
func MySQLServerExclusive(t testing.TB) *MySQL {
	t.Helper()
	return mysqlServer(t, true)
}

func mysqlServer(t testing.TB, exclusive bool) *MySQL {
	t.Helper()
	lock(t, "mysql", exclusive)
	m := &MySQL{Host: "127.0.0.1", Port: "3306", RootUser: "root"}
	if u := os.Getenv("CONNLINT_MYSQL_HOST"); u != "" {
		m.Host = u
	}
	if p := os.Getenv("CONNLINT_MYSQL_PORT"); p != "" {
		m.Port = p
	}
	if p := os.Getenv("CONNLINT_MYSQL_ROOT_PASSWORD"); p != "" {
		m.RootPass = p
	}
	db, err := m.open(m.RootUser, m.RootPass)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = db.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		Unavailable(t, "MariaDB/MySQL on %s:%s as root: %v", m.Host, m.Port, err)
	}
	m.admin = db
	t.Cleanup(func() { db.Close() })
	return m
}

func (m *MySQL) open(user, pass string) (*sql.DB, error) {
	cfg := my.NewConfig()
	cfg.User, cfg.Passwd, cfg.Net, cfg.Addr = user, pass, "tcp", m.Host+":"+m.Port
	cfg.Timeout = 5 * time.Second
	cfg.Logger = &my.NopLogger{}
	c, err := my.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	return db, nil
}

// URL is a mysql:// DSN for user.
func (m *MySQL) URL(user, pass string) string {
	if pass != "" {
		return fmt.Sprintf("mysql://%s:%s@%s:%s/", user, pass, m.Host, m.Port)
	}
	return fmt.Sprintf("mysql://%s@%s:%s/", user, m.Host, m.Port)
}

// RootURL is the root DSN.
func (m *MySQL) RootURL() string { return m.URL(m.RootUser, m.RootPass) }

// Exec runs SQL as root.
func (m *MySQL) Exec(t testing.TB, q string, args ...any) {
	t.Helper()
	if _, err := m.admin.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// Int reads one integer as root.
func (m *MySQL) Int(t testing.TB, q string) int {
	t.Helper()
	var v int
	if err := m.admin.QueryRow(q).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

// User creates a throwaway user (unique per test run) with the given
// global grants (may be empty) and drops it, killing its sessions, at the
// end of the test.
func (m *MySQL) User(t testing.TB, prefix, pass string, grants ...string) string {
	t.Helper()
	name := fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), time.Now().UnixNano()%1e6)
	m.Exec(t, fmt.Sprintf("CREATE USER '%s'@'%%' IDENTIFIED BY '%s'", name, pass))
	t.Cleanup(func() {
		m.KillUser(t, name)
		m.admin.Exec(fmt.Sprintf("DROP USER IF EXISTS '%s'@'%%'", name))
	})
	if len(grants) > 0 {
		m.Exec(t, fmt.Sprintf("GRANT %s ON *.* TO '%s'@'%%'", strings.Join(grants, ", "), name))
	}
	return name
}

// KillUser ends every session of user.
func (m *MySQL) KillUser(t testing.TB, user string) {
	rows, err := m.admin.Query("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?", user)
	if err != nil {
		return
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		m.admin.Exec(fmt.Sprintf("KILL CONNECTION %d", id))
	}
}

// Conn is one pinned client connection.
type Conn struct {
	DB   *sql.DB
	C    *sql.Conn
	ID   int64
	User string
}

// Open opens n connections as user, closed at the end of the test.
func (m *MySQL) Open(t testing.TB, n int, user, pass string) []*Conn {
	t.Helper()
	var out []*Conn
	for i := 0; i < n; i++ {
		db, err := m.open(user, pass)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		c, err := db.Conn(ctx)
		if err == nil {
			err = c.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(new(int64))
		}
		cancel()
		if err != nil {
			db.Close()
			t.Fatalf("open connection %d/%d as %s: %v", i+1, n, user, err)
		}
		cn := &Conn{DB: db, C: c, User: user}
		c.QueryRowContext(context.Background(), "SELECT CONNECTION_ID()").Scan(&cn.ID)
		out = append(out, cn)
	}
	t.Cleanup(func() {
		for _, c := range out {
			c.C.Close()
			c.DB.Close()
		}
	})
	return out
}
