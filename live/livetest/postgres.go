package livetest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// PG is a throwaway PostgreSQL cluster.
type PG struct {
	Base      string // temp dir: data/ and the unix socket
	Port      int    // TCP port on 127.0.0.1 (the socket uses it too)
	BinDir    string
	Version   int // server_version_num
	cmd       *exec.Cmd
	done      chan struct{}
	log       *bytes.Buffer
	mu        sync.Mutex
	stopped   bool
	startOpts PGOptions

	// admin is the one helper session every set-up query uses (superuser,
	// unix socket, application_name livetest-admin). It stays open for the
	// cluster's life so counts are stable: tests see it as one idle client.
	adminMu sync.Mutex
	admin   *pgx.Conn
}

// AdminApp is the helper session's application_name.
const AdminApp = "livetest-admin"

// PGOptions are the cluster settings.
type PGOptions struct {
	MaxConnections        int // default 20
	SuperuserReserved     int // default 3
	Settings              map[string]string
	StartTimeout          time.Duration // default 60s
	DisableAutovacuumLogs bool
}

// StartPostgres runs initdb and starts postgres as an unprivileged user,
// listening on 127.0.0.1:<free port> and a unix socket in its temp dir.
func StartPostgres(opt PGOptions) (*PG, error) {
	if opt.MaxConnections == 0 {
		opt.MaxConnections = 20
	}
	if opt.SuperuserReserved == 0 {
		opt.SuperuserReserved = 3
	}
	if opt.StartTimeout == 0 {
		opt.StartTimeout = 60 * time.Second
	}
	bin, err := pgBinDir()
	if err != nil {
		return nil, err
	}
	su, err := findServiceUser()
	if err != nil {
		return nil, err
	}
	base, err := su.tempDir("connlint-pg-")
	if err != nil {
		return nil, err
	}
	data := filepath.Join(base, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres",
		"--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C")
	initdb.Dir = base
	su.command(initdb)
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(base)
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	// Members of password_users must give a password over TCP, so tests can
	// check that a wrong one is never echoed.
	hba := filepath.Join(data, "pg_hba.conf")
	old, err := os.ReadFile(hba)
	if err == nil {
		err = os.WriteFile(hba, append([]byte("host all +password_users 127.0.0.1/32 scram-sha-256\n"), old...), 0o600)
	}
	if err != nil {
		os.RemoveAll(base)
		return nil, fmt.Errorf("pg_hba.conf: %v", err)
	}
	port, err := FreePort()
	if err != nil {
		os.RemoveAll(base)
		return nil, err
	}
	args := []string{"-D", data,
		"-c", "listen_addresses=127.0.0.1",
		"-c", "port=" + strconv.Itoa(port),
		"-c", "unix_socket_directories=" + base,
		"-c", "max_connections=" + strconv.Itoa(opt.MaxConnections),
		"-c", "superuser_reserved_connections=" + strconv.Itoa(opt.SuperuserReserved),
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "shared_buffers=16MB", "-c", "max_wal_senders=2",
		"-c", "logging_collector=off", "-c", "log_min_messages=warning",
	}
	for k, v := range opt.Settings {
		args = append(args, "-c", k+"="+v)
	}
	cmd := exec.Command(filepath.Join(bin, "postgres"), args...)
	cmd.Dir = base
	su.command(cmd)
	logBuf := &bytes.Buffer{}
	cmd.Stdout = &lockedWriter{w: logBuf}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		os.RemoveAll(base)
		return nil, fmt.Errorf("start postgres: %v", err)
	}
	p := &PG{Base: base, Port: port, BinDir: bin, cmd: cmd, done: make(chan struct{}), log: logBuf, startOpts: opt}
	go func() { cmd.Wait(); close(p.done) }()

	deadline := time.Now().Add(opt.StartTimeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		c, err := pgx.Connect(ctx, p.SocketDSN("postgres", "postgres", "application_name="+AdminApp))
		if err == nil {
			err = c.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&p.Version)
			cancel()
			if err == nil {
				p.admin = c
				return p, nil
			}
			c.Close(context.Background())
		}
		cancel()
		select {
		case <-p.done:
			os.RemoveAll(base)
			return nil, fmt.Errorf("postgres exited at start: %s", p.Log())
		default:
		}
		if time.Now().After(deadline) {
			p.Stop()
			return nil, fmt.Errorf("postgres did not accept connections within %s: %v; log: %s", opt.StartTimeout, err, p.Log())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Log returns what the server printed.
func (p *PG) Log() string {
	if lw, ok := p.cmd.Stdout.(*lockedWriter); ok {
		return lw.String()
	}
	return ""
}

// DSN is a TCP URL for user/db. params is a raw query string ("a=b&c=d").
func (p *PG) DSN(user, db, params string) string {
	s := fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable&connect_timeout=5", user, p.Port, db)
	if params != "" {
		s += "&" + params
	}
	return s
}

// SocketDSN is a unix socket URL for user/db.
func (p *PG) SocketDSN(user, db, params string) string {
	s := fmt.Sprintf("postgres://%s@/%s?host=%s&port=%d&connect_timeout=5", user, db, p.Base, p.Port)
	if params != "" {
		s += "&" + params
	}
	return s
}

// Exec runs SQL as the superuser postgres.
func (p *PG) Exec(t testing.TB, sql string, args ...any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := p.lockAdmin()
	defer p.adminMu.Unlock()
	if _, err := c.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// Open opens n connections as user to db with the given application_name
// and closes them when the test ends. Each runs init (if not empty) once.
func (p *PG) Open(t testing.TB, n int, user, db, app, init string) []*pgx.Conn {
	t.Helper()
	var conns []*pgx.Conn
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		c, err := pgx.Connect(ctx, p.DSN(user, db, "application_name="+app))
		if err != nil {
			cancel()
			t.Fatalf("open connection %d/%d for %s: %v", i+1, n, app, err)
		}
		if init != "" {
			if _, err := c.Exec(ctx, init); err != nil {
				cancel()
				c.Close(context.Background())
				t.Fatalf("%s: %v", init, err)
			}
		}
		cancel()
		conns = append(conns, c)
	}
	t.Cleanup(func() {
		for _, c := range conns {
			c.Close(context.Background())
		}
	})
	return conns
}

// TerminateOthers ends every client backend but the caller's, so a test
// starts from an empty server.
func (p *PG) TerminateOthers(t testing.TB) {
	t.Helper()
	p.Exec(t, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`)
	// Terminated backends leave pg_stat_activity asynchronously.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := p.lockAdmin()
	defer p.adminMu.Unlock()
	for {
		var n int
		if err := c.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`).Scan(&n); err != nil {
			t.Fatalf("count backends: %v", err)
		}
		if n == 0 {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%d client backends still there after terminate", n)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Stop shuts the cluster down (fast shutdown) and removes its files.
func (p *PG) Stop() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return nil
	}
	p.stopped = true
	if p.admin != nil {
		p.admin.Close(context.Background())
	}
	if p.cmd.Process != nil {
		p.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-p.done:
		case <-time.After(20 * time.Second):
			p.cmd.Process.Signal(syscall.SIGQUIT)
			<-p.done
		}
	}
	return os.RemoveAll(p.Base)
}

// SharedPG starts one cluster per test binary on first use. Call Stop from
// TestMain after m.Run.
type SharedPG struct {
	Options PGOptions
	once    sync.Once
	pg      *PG
	err     error
}

// Get returns the cluster, or skips/fails t when it cannot be started.
func (s *SharedPG) Get(t testing.TB) *PG {
	t.Helper()
	s.once.Do(func() { s.pg, s.err = StartPostgres(s.Options) })
	if s.err != nil {
		Unavailable(t, "throwaway PostgreSQL cluster: %v", s.err)
	}
	return s.pg
}

// Stop stops the cluster if it was started.
func (s *SharedPG) Stop() {
	if s.pg != nil {
		s.pg.Stop()
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.w.Len() > 1<<20 {
		return len(b), nil
	}
	return l.w.Write(b)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.TrimSpace(l.w.String())
}

// TerminateApp ends every client backend of an application and waits for
// them to be gone.
func (p *PG) TerminateApp(t testing.TB, app string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := p.lockAdmin()
	defer p.adminMu.Unlock()
	if _, err := c.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, app); err != nil {
		t.Fatal(err)
	}
	for {
		var n int
		if err := c.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1`, app).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%d backends of %s left", n, app)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// WaitGone waits until none of the pids is in pg_stat_activity.
func (p *PG) WaitGone(t testing.TB, pids []int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := p.lockAdmin()
	defer p.adminMu.Unlock()
	for {
		var n int
		if err := c.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1)`, pids).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%d of %v still running", n, pids)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Started returns the cluster if it was started, else nil.
func (s *SharedPG) Started() *PG {
	if s.err != nil {
		return nil
	}
	return s.pg
}

// WaitAppGone waits until no backend of the application is left (a closed
// client's backend exits a moment after the client is gone).
func (p *PG) WaitAppGone(t testing.TB, app string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := p.lockAdmin()
	defer p.adminMu.Unlock()
	for {
		var n int
		if err := c.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1`, app).Scan(&n); err != nil || n == 0 {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%d backends of %s left", n, app)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func (p *PG) lockAdmin() *pgx.Conn {
	p.adminMu.Lock()
	return p.admin
}

// AdminPID is the helper session's backend pid.
func (p *PG) AdminPID() uint32 {
	c := p.lockAdmin()
	defer p.adminMu.Unlock()
	return c.PgConn().PID()
}

// Query runs a query on the helper session and returns the first column
// of every row as text.
func (p *PG) Query(t testing.TB, sql string, args ...any) []string {
	t.Helper()
	c := p.lockAdmin()
	defer p.adminMu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rows, err := c.Query(ctx, sql, args...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v any
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(v))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
