// Package pgbouncer is connlint live's PgBouncer engine. It talks to the
// admin console (database "pgbouncer") over the simple query protocol and
// reads SHOW CONFIG, SHOW POOLS, SHOW DATABASES and SHOW CLIENTS: client
// connections against max_client_conn, clients waiting for a server
// connection, maxwait, pool size use and clients per application.
package pgbouncer

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/connlint/connlint/live/engine"
	"github.com/connlint/connlint/live/postgres"
	"github.com/jackc/pgx/v5"
)

// Engine polls one PgBouncer over one admin console connection.
type Engine struct {
	*postgres.Session
}

// New parses pgbouncer://user:pass@host:6432/pgbouncer; it does not connect.
func New(dsn string, timeout time.Duration) (*Engine, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, &engine.Error{Kind: engine.Config, Msg: "bad DSN: " + engine.Scrub(err.Error(), engine.Password(dsn))}
	}
	u.Scheme = "postgres"
	if u.Path == "" || u.Path == "/" {
		u.Path = "/pgbouncer"
	}
	q := u.Query()
	if q.Get("sslmode") == "" && !strings.HasPrefix(q.Get("host"), "/") {
		q.Set("sslmode", "prefer")
	}
	u.RawQuery = q.Encode()
	cfg, err := postgres.ParseConfig(u.String(), timeout)
	if err != nil {
		return nil, err
	}
	// The admin console speaks only the simple query protocol.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	cfg.StatementCacheCapacity = 0
	cfg.DescriptionCacheCapacity = 0
	return &Engine{postgres.NewSession(cfg, engine.Password(dsn))}, nil
}

// Kind implements engine.Engine.
func (e *Engine) Kind() string { return "pgbouncer" }

// show runs one SHOW command and returns its rows as column→text maps
// (the columns differ between PgBouncer versions).
func show(ctx context.Context, c *pgx.Conn, what string) ([]map[string]string, error) {
	rows, err := c.Query(ctx, "SHOW "+what)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	fds := rows.FieldDescriptions()
	var out []map[string]string
	for rows.Next() {
		raw := rows.RawValues()
		m := make(map[string]string, len(raw))
		for i, fd := range fds {
			if i < len(raw) && raw[i] != nil {
				m[fd.Name] = string(raw[i])
			}
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Snapshot implements engine.Engine.
func (e *Engine) Snapshot(ctx context.Context) (*engine.Snapshot, error) {
	start := time.Now()
	var snap *engine.Snapshot
	err := e.Do(ctx, func(c *pgx.Conn) error {
		snap = engine.NewSnapshot("pgbouncer")
		ver, err := show(ctx, c, "VERSION")
		if err != nil {
			return err
		}
		if len(ver) > 0 {
			for _, v := range ver[0] {
				snap.ServerVersion = strings.TrimPrefix(v, "PgBouncer ")
			}
		}
		conf, err := show(ctx, c, "CONFIG")
		if err != nil {
			return err
		}
		settings := map[string]string{}
		for _, r := range conf {
			settings[r["key"]] = r["value"]
		}
		snap.MaxConnections = atoi(settings["max_client_conn"])
		snap.Capacity = snap.MaxConnections
		snap.Extra["default_pool_size"] = float64(atoi(settings["default_pool_size"]))
		snap.Extra["max_db_connections"] = float64(atoi(settings["max_db_connections"]))
		snap.Extra["reserve_pool_size"] = float64(atoi(settings["reserve_pool_size"]))

		dbs, err := show(ctx, c, "DATABASES")
		if err != nil {
			return err
		}
		type dbInfo struct{ poolSize, current, max int }
		dbByName := map[string]dbInfo{}
		for _, d := range dbs {
			dbByName[d["name"]] = dbInfo{atoi(d["pool_size"]), atoi(d["current_connections"]), atoi(d["max_connections"])}
		}

		pools, err := show(ctx, c, "POOLS")
		if err != nil {
			return err
		}
		var waiting int
		for _, p := range pools {
			if p["database"] == "pgbouncer" {
				continue // the admin console is not a pool
			}
			d := dbByName[p["database"]]
			pl := engine.Pool{
				Database: p["database"], User: p["user"], Mode: p["pool_mode"],
				ClActive: atoi(p["cl_active"]), ClWaiting: atoi(p["cl_waiting"]),
				SvActive: atoi(p["sv_active"]), SvIdle: atoi(p["sv_idle"]), SvUsed: atoi(p["sv_used"]),
				SvOther:  atoi(p["sv_tested"]) + atoi(p["sv_login"]),
				MaxWait:  float64(atoi(p["maxwait"])) + float64(atoi(p["maxwait_us"]))/1e6,
				PoolSize: d.poolSize, MaxDBConns: d.max, DBServerConn: d.current,
			}
			pl.ServerConns = pl.SvActive + pl.SvIdle + pl.SvUsed + pl.SvOther
			snap.Pools = append(snap.Pools, pl)
			waiting += pl.ClWaiting
			name := pl.Database + "/" + pl.User
			switch {
			case pl.ClWaiting > 0:
				snap.Notes = append(snap.Notes, engine.Note{Name: "pool:" + name, Status: 2,
					Message: fmt.Sprintf("pool %s: %d clients waiting for a server connection, longest %.1fs (%d of pool_size %d server connections, %d active)",
						name, pl.ClWaiting, pl.MaxWait, pl.ServerConns, pl.PoolSize, pl.SvActive)})
			case pl.PoolSize > 0 && pl.SvActive >= pl.PoolSize:
				snap.Notes = append(snap.Notes, engine.Note{Name: "pool:" + name, Status: 1,
					Message: fmt.Sprintf("pool %s is full: %d of pool_size %d server connections active, the next client will wait", name, pl.SvActive, pl.PoolSize)})
			}
		}
		sort.Slice(snap.Pools, func(i, j int) bool {
			return snap.Pools[i].Database+"/"+snap.Pools[i].User < snap.Pools[j].Database+"/"+snap.Pools[j].User
		})
		snap.Extra["cl_waiting"] = float64(waiting)

		clients, err := show(ctx, c, "CLIENTS")
		if err != nil {
			return err
		}
		localPort, unix := ownPort(c)
		now := time.Now()
		for _, cl := range clients {
			s := engine.Session{
				PID: clientPID(cl), User: cl["user"], Database: cl["database"],
				Application: cl["application_name"], Client: cl["addr"],
			}
			if s.Client == "unix" || s.Client == "" {
				s.Client = "local"
			}
			switch {
			case strings.HasPrefix(cl["state"], "waiting"):
				s.State = "waiting"
				s.Seconds = float64(atoi(cl["wait"])) + float64(atoi(cl["wait_us"]))/1e6
			case cl["link"] != "":
				s.State = engine.StateActive
			default:
				s.State = engine.StateIdle
				if t, err := time.Parse("2006-01-02 15:04:05 MST", cl["request_time"]); err == nil {
					s.Seconds = now.Sub(t).Seconds()
					if s.Seconds < 0 {
						s.Seconds = 0
					}
				}
			}
			if s.Database == "pgbouncer" && s.Application == engine.SelfName &&
				((unix && atoi(cl["remote_pid"]) == os.Getpid()) || (!unix && atoi(cl["port"]) == localPort)) {
				self := s
				snap.Self = &self
				continue
			}
			snap.Add(s)
		}
		snap.Used = len(snap.Sessions)
		return nil
	})
	if err != nil {
		return nil, err
	}
	snap.Took = time.Since(start)
	return snap, nil
}

// ownPort is the local TCP port of the admin connection (PgBouncer shows
// it as the client's port), or unix=true for a unix socket.
func ownPort(c *pgx.Conn) (port int, unix bool) {
	addr := c.PgConn().Conn().LocalAddr()
	if ta, ok := addr.(*net.TCPAddr); ok {
		return ta.Port, false
	}
	return 0, true
}

// clientPID is the client's process id where PgBouncer knows it
// (remote_pid: a client on a unix socket), else 0, written as null. The
// ptr column is PgBouncer's memory address of the client: not a pid.
func clientPID(cl map[string]string) int64 {
	return int64(atoi(cl["remote_pid"]))
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}
