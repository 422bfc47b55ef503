// Package redis is connlint live's Redis engine: connected_clients against
// maxclients, rejected_connections, and CLIENT LIST by client name.
package redis

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/connlint/connlint/live/engine"
	goredis "github.com/redis/go-redis/v9"
)

// Engine polls one Redis server over one connection.
type Engine struct {
	opt          *goredis.Options
	secret       string
	mu           sync.Mutex
	client       *goredis.Client
	lastRejected float64
	polled       bool
}

// New parses a redis://, rediss:// or unix:// URL; it does not connect.
func New(dsn string, timeout time.Duration) (*Engine, error) {
	opt, err := goredis.ParseURL(credentialsFromQuery(dsn))
	if err != nil {
		return nil, &engine.Error{Kind: engine.Config, Msg: "bad DSN: " + engine.Scrub(err.Error(), engine.Password(dsn))}
	}
	// One connection, never more: the pool is a single slot, no retries on
	// another connection, no idle spares.
	opt.PoolSize = 1
	opt.MinIdleConns = 0
	opt.MaxIdleConns = 1
	opt.MaxActiveConns = 1
	opt.MaxRetries = -1
	// One dial per attempt: the engine retries once itself, and a refused
	// or silent server must fail within --timeout, not after go-redis's
	// five dials with backoff.
	opt.DialerRetries = 1
	opt.ClientName = engine.SelfName
	opt.Protocol = 2
	opt.DisableIdentity = true
	if timeout > 0 {
		if opt.DialTimeout == 0 || timeout < opt.DialTimeout {
			opt.DialTimeout = timeout
		}
		opt.ReadTimeout, opt.WriteTimeout, opt.PoolTimeout = timeout, timeout, timeout
	}
	return &Engine{opt: opt, secret: opt.Password}, nil
}

// credentialsFromQuery moves ?password= and ?username= (which go-redis
// refuses as unknown options) into the URL's userinfo, so a Redis DSN takes
// the password the same ways as the other engines' DSNs.
func credentialsFromQuery(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn // ParseURL reports it
	}
	q := u.Query()
	pass, hasPass := q.Get("password"), q.Has("password")
	user := q.Get("username")
	if !hasPass && user == "" {
		return dsn
	}
	if u.User != nil {
		if user == "" {
			user = u.User.Username()
		}
		if p, ok := u.User.Password(); ok && !hasPass {
			pass, hasPass = p, true
		}
	}
	if hasPass {
		u.User = url.UserPassword(user, pass)
	} else {
		u.User = url.User(user)
	}
	q.Del("password")
	q.Del("username")
	u.RawQuery = q.Encode()
	return u.String()
}

// Kind implements engine.Engine.
func (e *Engine) Kind() string { return "redis" }

// Close implements engine.Engine.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.client != nil {
		err := e.client.Close()
		e.client = nil
		return err
	}
	return nil
}

// Snapshot implements engine.Engine.
func (e *Engine) Snapshot(ctx context.Context) (*engine.Snapshot, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	start := time.Now()
	if e.client == nil {
		e.client = goredis.NewClient(e.opt)
	}
	var (
		idCmd     *goredis.IntCmd
		infoCmd   *goredis.StringCmd
		listCmd   *goredis.StringCmd
		snap      *engine.Snapshot
		lastError error
	)
	for attempt := 0; attempt < 2; attempt++ {
		cmds, err := e.client.Pipelined(ctx, func(p goredis.Pipeliner) error {
			idCmd = p.ClientID(ctx)
			infoCmd = p.Info(ctx, "server", "clients", "stats")
			listCmd = p.ClientList(ctx)
			return nil
		})
		_ = cmds
		if err == nil {
			lastError = nil
			break
		}
		lastError = err
		// A connection the server dropped is replaced by go-redis on the
		// next command; retry once, but never after a refusal.
		if attempt == 0 && retryable(err) && ctx.Err() == nil {
			continue
		}
		break
	}
	if lastError != nil {
		if msg := e.refusal(ctx, lastError); msg != "" {
			lastError = errors.New(msg)
		}
		return nil, e.classify(lastError)
	}
	info := parseInfo(infoCmd.Val())
	snap = engine.NewSnapshot("redis")
	snap.ServerVersion = info["redis_version"]
	maxClients := atoi(info["maxclients"])
	if maxClients == 0 {
		// Before 7.0 INFO has no maxclients: ask CONFIG (may be renamed
		// or denied; then capacity stays unknown).
		if v, err := e.client.ConfigGet(ctx, "maxclients").Result(); err == nil {
			maxClients = atoi(v["maxclients"])
		}
	}
	snap.MaxConnections, snap.Capacity = maxClients, maxClients
	connected := atoi(info["connected_clients"])
	snap.Used = connected - 1
	if snap.Used < 0 {
		snap.Used = 0
	}
	rejected := float64(atoi(info["rejected_connections"]))
	snap.Extra["connected_clients"] = float64(connected)
	snap.Extra["blocked_clients"] = float64(atoi(info["blocked_clients"]))
	snap.Extra["rejected_connections"] = rejected
	snap.Extra["total_connections_received"] = float64(atoi(info["total_connections_received"]))
	if e.polled && rejected > e.lastRejected {
		snap.Notes = append(snap.Notes, engine.Note{Name: "rejected_connections", Status: 2,
			Message: fmt.Sprintf("%d connections rejected (maxclients %d reached) since the last poll", int(rejected-e.lastRejected), maxClients)})
	}
	e.lastRejected, e.polled = rejected, true

	self := idCmd.Val()
	for _, line := range strings.Split(listCmd.Val(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		f := parseClient(line)
		if strings.ContainsAny(f["flags"], "SM") {
			continue // replicas and the master link are not clients
		}
		id, _ := strconv.ParseInt(f["id"], 10, 64)
		idle := atoi(f["idle"])
		s := engine.Session{
			PID: id, User: f["user"], Application: f["name"], Database: "db" + f["db"],
			Client: host(f["addr"]), Seconds: float64(idle),
		}
		switch {
		case strings.Contains(f["flags"], "b") || idle == 0:
			s.State = engine.StateActive
		case f["multi"] != "" && f["multi"] != "-1":
			s.State = engine.StateIdleInTxn
		default:
			s.State = engine.StateIdle
		}
		if id == self {
			s.Application = engine.SelfName
			snap.Self = &s
			continue
		}
		snap.Add(s)
	}
	snap.Took = time.Since(start)
	return snap, nil
}

// refusal finds out why a fresh connection broke at once. A Redis at
// maxclients accepts the TCP connection, writes "-ERR max number of clients
// reached" and closes it, so the client often sees only a broken pipe or
// EOF. Only then, one short-lived diagnostic connection reads what the
// server says first. It returns the server's error line, or "".
func (e *Engine) refusal(ctx context.Context, err error) string {
	msg := err.Error()
	if e.opt.TLSConfig != nil || !(strings.Contains(msg, "broken pipe") || strings.Contains(msg, "EOF") ||
		strings.Contains(msg, "connection reset")) {
		return ""
	}
	d := net.Dialer{Timeout: e.opt.DialTimeout}
	c, derr := d.DialContext(ctx, e.opt.Network, e.opt.Addr)
	if derr != nil {
		return ""
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(time.Second))
	buf := make([]byte, 256)
	n, _ := c.Read(buf)
	line := strings.TrimSpace(string(buf[:n]))
	if strings.HasPrefix(line, "-") {
		return strings.TrimPrefix(line, "-")
	}
	return ""
}

func retryable(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return false
	}
	msg := err.Error()
	return !strings.Contains(msg, "max number of clients") && !strings.HasPrefix(msg, "NOPERM") &&
		!strings.HasPrefix(msg, "WRONGPASS") && !strings.HasPrefix(msg, "NOAUTH") && !strings.Contains(msg, "refused")
}

func (e *Engine) classify(err error) error {
	msg := engine.Scrub(err.Error(), e.secret)
	switch {
	case strings.Contains(msg, "max number of clients reached"):
		return &engine.Error{Kind: engine.Exhausted, Msg: "connection refused, no slot left: " + msg, Err: err}
	case strings.HasPrefix(msg, "WRONGPASS"), strings.HasPrefix(msg, "NOAUTH"), strings.Contains(msg, "invalid password"):
		return &engine.Error{Kind: engine.Auth, Msg: "authentication failed: " + msg, Err: err}
	case strings.HasPrefix(msg, "NOPERM"):
		return &engine.Error{Kind: engine.Privilege, Grant: "+info +client|id +client|list",
			Msg: msg + ": the ACL user needs +info +client|id +client|list (ACL SETUSER <user> +info +client|id +client|list)", Err: err}
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &engine.Error{Kind: engine.Unreachable, Msg: "timed out: " + msg, Err: err}
	}
	return &engine.Error{Kind: engine.Unreachable, Msg: msg, Err: err}
}

func parseInfo(s string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if k, v, ok := strings.Cut(line, ":"); ok {
			m[k] = v
		}
	}
	return m
}

// parseClient reads one CLIENT LIST line (space-separated key=value; the
// last field, cmd, and name cannot hold spaces).
func parseClient(line string) map[string]string {
	m := map[string]string{}
	for _, kv := range strings.Fields(line) {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

func host(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	if addr == "" || strings.HasPrefix(addr, "/") {
		return "local"
	}
	return addr
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

// quiet drops go-redis's own log lines (dial retries and the like): the
// engine reports every failure itself, redacted, through its result.
type quiet struct{}

func (quiet) Printf(context.Context, string, ...interface{}) {}

func init() { goredis.SetLogger(quiet{}) }
