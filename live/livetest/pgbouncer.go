package livetest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// Bouncer is a PgBouncer started for a test, in front of a throwaway
// cluster, with a small session pool.
type Bouncer struct {
	Dir      string
	Port     int
	cmd      *exec.Cmd
	done     chan struct{}
	log      *lockedWriter
	stopOnce sync.Once
}

// BouncerOptions size the pool.
type BouncerOptions struct {
	PoolSize      int // default_pool_size, default 2
	MaxClientConn int // default 20
	PoolMode      string
	// StatsUsers is stats_users (default "stats"); each is also a trusted
	// user in userlist.txt.
	StatsUsers []string
}

func pgbouncerBin() (string, error) {
	if p := os.Getenv("CONNLINT_PGBOUNCER"); p != "" {
		return p, nil
	}
	if _, err := os.Stat("/usr/sbin/pgbouncer"); err == nil {
		return "/usr/sbin/pgbouncer", nil
	}
	if p, err := exec.LookPath("pgbouncer"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("no pgbouncer binary (/usr/sbin/pgbouncer or PATH); apt-get install pgbouncer")
}

// StartPgBouncer starts pgbouncer (as the unprivileged service user: it
// refuses root) with database "app" pointing at pg's postgres database,
// admin user postgres and stats users opt.StatsUsers (default "stats").
// Users allowed: postgres, the stats users, appuser (trust).
func StartPgBouncer(pg *PG, opt BouncerOptions) (*Bouncer, error) {
	if opt.PoolSize == 0 {
		opt.PoolSize = 2
	}
	if opt.MaxClientConn == 0 {
		opt.MaxClientConn = 20
	}
	if opt.PoolMode == "" {
		opt.PoolMode = "session"
	}
	if len(opt.StatsUsers) == 0 {
		opt.StatsUsers = []string{"stats"}
	}
	bin, err := pgbouncerBin()
	if err != nil {
		return nil, err
	}
	su, err := findServiceUser()
	if err != nil {
		return nil, err
	}
	dir, err := su.tempDir("connlint-pgb-")
	if err != nil {
		return nil, err
	}
	port, err := FreePort()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	ini := fmt.Sprintf(`[databases]
app = host=127.0.0.1 port=%d dbname=postgres

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = %d
unix_socket_dir = %s
auth_type = trust
auth_file = %s
admin_users = postgres
stats_users = %s
pool_mode = %s
default_pool_size = %d
max_client_conn = %d
reserve_pool_size = 0
ignore_startup_parameters = extra_float_digits,search_path
pidfile = %s
logfile =
log_connections = 0
log_disconnections = 0
`, pg.Port, port, dir, filepath.Join(dir, "userlist.txt"), strings.Join(opt.StatsUsers, ", "), opt.PoolMode, opt.PoolSize, opt.MaxClientConn, filepath.Join(dir, "pgbouncer.pid"))
	users := `"postgres" ""` + "\n" + `"appuser" ""` + "\n"
	for _, u := range opt.StatsUsers {
		users += fmt.Sprintf("%q \"\"\n", u)
	}
	for name, body := range map[string]string{"pgbouncer.ini": ini, "userlist.txt": users} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	cmd := exec.Command(bin, filepath.Join(dir, "pgbouncer.ini"))
	cmd.Dir = dir
	su.command(cmd)
	lw := &lockedWriter{w: &bytes.Buffer{}}
	cmd.Stdout, cmd.Stderr = lw, lw
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start pgbouncer: %v", err)
	}
	b := &Bouncer{Dir: dir, Port: port, cmd: cmd, done: make(chan struct{}), log: lw}
	go func() { cmd.Wait(); close(b.done) }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		cfg, _ := pgx.ParseConfig(b.AdminDSN("postgres"))
		cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
		c, err := pgx.ConnectConfig(ctx, cfg)
		cancel()
		if err == nil {
			c.Close(context.Background())
			return b, nil
		}
		select {
		case <-b.done:
			os.RemoveAll(dir)
			return nil, fmt.Errorf("pgbouncer exited at start: %s", lw.String())
		default:
		}
		if time.Now().After(deadline) {
			b.Stop()
			return nil, fmt.Errorf("pgbouncer not ready: %v; log: %s", err, lw.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// AdminDSN is a postgres:// URL to the admin console as user.
func (b *Bouncer) AdminDSN(user string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/pgbouncer?sslmode=disable", user, b.Port)
}

// URL is the pgbouncer:// DSN connlint takes.
func (b *Bouncer) URL(user string) string {
	return fmt.Sprintf("pgbouncer://%s@127.0.0.1:%d/pgbouncer?sslmode=disable", user, b.Port)
}

// AppDSN is a client URL for database "app" through the pooler.
func (b *Bouncer) AppDSN(user, app string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/app?sslmode=disable&application_name=%s", user, b.Port, app)
}

// Log is what pgbouncer printed.
func (b *Bouncer) Log() string { return strings.TrimSpace(b.log.String()) }

// Stop shuts pgbouncer down and removes its files.
func (b *Bouncer) Stop() {
	b.stopOnce.Do(func() {
		b.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-b.done:
		case <-time.After(10 * time.Second):
			b.cmd.Process.Kill()
			<-b.done
		}
		os.RemoveAll(b.Dir)
	})
}
