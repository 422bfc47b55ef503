package live

import (
	"io"
	"sort"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"
)

// metricSink collects const metrics for one scrape.
type metricSink struct {
	out    []prometheus.Metric
	target string // "" in /probe and --format prometheus with one target
	descs  map[string]*prometheus.Desc
}

func (m *metricSink) add(name, help string, typ prometheus.ValueType, v float64, labels ...string) {
	var keys, vals []string
	for i := 0; i+1 < len(labels); i += 2 {
		keys = append(keys, labels[i])
		vals = append(vals, labels[i+1])
	}
	if m.target != "" {
		keys = append(keys, "target")
		vals = append(vals, m.target)
	}
	key := name + "\x00" + strings.Join(keys, ",")
	d := m.descs[key]
	if d == nil {
		d = prometheus.NewDesc(name, help, keys, nil)
		m.descs[key] = d
	}
	m.out = append(m.out, prometheus.MustNewConstMetric(d, typ, v, vals...))
}

func (m *metricSink) gauge(name, help string, v float64, labels ...string) {
	m.add(name, help, prometheus.GaugeValue, v, labels...)
}

func (m *metricSink) counter(name, help string, v float64, labels ...string) {
	m.add(name, help, prometheus.CounterValue, v, labels...)
}

// metrics turns one result into metrics named like postgres_exporter,
// mysqld_exporter, pgbouncer_exporter and redis_exporter, plus connlint_*
// series shared by every engine (capacity, used, status, budgets, leaks).
func (m *metricSink) metrics(r *Result, leaking map[string]bool) {
	up := 1.0
	if r.Error != "" {
		up = 0
	}
	eng := r.Engine
	m.gauge("connlint_up", "1 when the last poll of the target succeeded.", up, "engine", eng)
	m.gauge("connlint_status", "Nagios status of the target: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.", float64(r.Status), "engine", eng)
	m.gauge("connlint_exhausted", "1 when the server refused connlint's connection for lack of slots.", b2f(r.ErrorKind == "exhausted"), "engine", eng)
	for _, c := range r.Checks {
		m.gauge("connlint_check_status", "Status of each check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.", float64(c.Status), "engine", eng, "check", c.Name)
	}
	switch eng {
	case "postgres":
		m.gauge("pg_up", "Whether the last poll of PostgreSQL succeeded.", up)
	case "mysql":
		m.gauge("mysql_up", "Whether the last poll of MySQL succeeded.", up)
	case "pgbouncer":
		m.gauge("pgbouncer_up", "Whether the last poll of PgBouncer succeeded.", up)
	case "redis":
		m.gauge("redis_up", "Whether the last poll of Redis succeeded.", up)
	}
	if r.Error != "" {
		return
	}
	m.gauge("connlint_connections_max", "Configured connection limit (max_connections, max_client_conn, maxclients).", float64(r.MaxConnections), "engine", eng)
	m.gauge("connlint_connections_reserved", "Slots ordinary clients cannot use.", float64(r.Reserved), "engine", eng)
	m.gauge("connlint_connections_capacity", "Connections ordinary clients can hold.", float64(r.Capacity), "engine", eng)
	m.gauge("connlint_connections_used", "Client connections in use, connlint's own excluded.", float64(r.Used), "engine", eng)
	m.gauge("connlint_connections_used_ratio", "Used divided by capacity.", ratio(r.Used, r.Capacity), "engine", eng)
	snap := r.Snapshot()
	for _, app := range sortedKeys(r.ByApplication) {
		active := 0
		if snap != nil {
			active = snap.ActiveByApplication[app]
		}
		m.gauge("connlint_application_connections", "Client connections per application name.", float64(r.ByApplication[app]), "engine", eng, "application", app)
		m.gauge("connlint_application_active_connections", "Active client connections per application name.", float64(active), "engine", eng, "application", app)
	}
	for _, b := range r.Budgets {
		m.gauge("connlint_budget_limit", "Connection budget given with --budget.", float64(b.Limit), "engine", eng, "name", b.App, "by", b.By)
		m.gauge("connlint_budget_connections", "Connections held by a budgeted application or user.", float64(b.Actual), "engine", eng, "name", b.App, "by", b.By)
	}
	for name := range leaking {
		m.gauge("connlint_leak_suspected", "1 while an application's connection count grows like a leak.", 1, "engine", eng, "name", name)
	}
	if r.OldestIdle != nil {
		m.gauge("connlint_oldest_idle_seconds", "Age of the oldest idle client session.", r.OldestIdle.Seconds, "engine", eng)
	}
	if r.OldestIdleTxn != nil {
		m.gauge("connlint_oldest_idle_in_transaction_seconds", "Age of the oldest session idle in a transaction.", r.OldestIdleTxn.Seconds, "engine", eng)
	}
	m.gauge("connlint_poll_duration_seconds", "How long the poll took.", r.PollSeconds, "engine", eng)

	switch eng {
	case "postgres":
		m.gauge("pg_settings_max_connections", "Server Parameter: max_connections", float64(r.MaxConnections))
		m.gauge("pg_settings_superuser_reserved_connections", "Server Parameter: superuser_reserved_connections", r.Extra["superuser_reserved_connections"])
		m.gauge("pg_settings_reserved_connections", "Server Parameter: reserved_connections (0 before PostgreSQL 16)", r.Extra["reserved_connections"])
		if snap != nil {
			type key struct{ db, state, user, app string }
			counts := map[key]int{}
			maxAge := map[string]float64{}
			for _, s := range snap.Sessions {
				counts[key{s.Database, s.State, s.User, s.Application}]++
				if s.XactSeconds > maxAge[s.State] {
					maxAge[s.State] = s.XactSeconds
				}
			}
			keys := make([]key, 0, len(counts))
			for k := range counts {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool {
				a, b := keys[i], keys[j]
				return a.db+a.state+a.user+a.app < b.db+b.state+b.user+b.app
			})
			for _, k := range keys {
				m.gauge("pg_stat_activity_count", "Client backends by database, state, user and application (connlint's own excluded).", float64(counts[k]),
					"datname", k.db, "state", k.state, "usename", k.user, "application_name", k.app)
			}
			for _, st := range []string{"active", "idle", "idle in transaction", "idle in transaction (aborted)"} {
				m.gauge("pg_stat_activity_max_tx_duration", "Age in seconds of the oldest open transaction per state.", maxAge[st], "state", st)
			}
		}
		for _, l := range r.Limits {
			if l.Kind == "role" {
				m.gauge("pg_roles_connection_limit", "Connection limit set for the role.", float64(l.Limit), "rolname", l.Name)
				m.gauge("pg_roles_connections", "Connections held by the role.", float64(l.Actual), "rolname", l.Name)
			} else {
				m.gauge("pg_database_connection_limit", "Connection limit set for the database.", float64(l.Limit), "datname", l.Name)
				m.gauge("pg_database_connections", "Connections to the database.", float64(l.Actual), "datname", l.Name)
			}
		}
	case "mysql":
		m.gauge("mysql_global_variables_max_connections", "Generic gauge metric from SHOW GLOBAL VARIABLES.", float64(r.MaxConnections))
		m.gauge("mysql_global_variables_extra_max_connections", "Generic gauge metric from SHOW GLOBAL VARIABLES.", r.Extra["extra_max_connections"])
		m.gauge("mysql_global_variables_max_user_connections", "Generic gauge metric from SHOW GLOBAL VARIABLES.", r.Extra["max_user_connections"])
		m.gauge("mysql_global_status_threads_connected", "Generic metric from SHOW GLOBAL STATUS.", r.Extra["threads_connected"])
		m.gauge("mysql_global_status_threads_running", "Generic metric from SHOW GLOBAL STATUS.", r.Extra["threads_running"])
		m.gauge("mysql_global_status_max_used_connections", "Generic metric from SHOW GLOBAL STATUS.", r.Extra["max_used_connections"])
		m.counter("mysql_global_status_connection_errors_total", "Total number of MySQL connection errors.", r.Extra["connection_errors_max_connections"], "error", "max_connections")
		m.counter("mysql_global_status_aborted_connects", "Generic metric from SHOW GLOBAL STATUS.", r.Extra["aborted_connects"])
		m.counter("mysql_global_status_access_denied_errors", "Generic metric from SHOW GLOBAL STATUS.", r.Extra["access_denied_errors"])
		if v, ok := r.Extra["aborted_connects_preauth"]; ok { // MariaDB only
			m.counter("mysql_global_status_aborted_connects_preauth", "Generic metric from SHOW GLOBAL STATUS.", v)
		}
		for _, st := range sortedKeys(r.ByState) {
			m.gauge("mysql_info_schema_processlist_threads", "The number of client threads by state (Sleep = idle).", float64(r.ByState[st]), "state", st)
		}
		for _, u := range sortedKeys(r.ByUser) {
			m.gauge("mysql_info_schema_processlist_processes_by_user", "The number of processes by user.", float64(r.ByUser[u]), "mysql_user", u)
		}
		for _, h := range sortedKeys(r.ByClientAddr) {
			m.gauge("mysql_info_schema_processlist_processes_by_host", "The number of processes by host.", float64(r.ByClientAddr[h]), "client_host", h)
		}
	case "pgbouncer":
		m.gauge("pgbouncer_config_max_client_connections", "Config maximum number of client connections", float64(r.MaxConnections))
		m.gauge("pgbouncer_used_clients", "Client connections (connlint's own excluded).", float64(r.Used))
		for _, p := range r.Pools {
			l := []string{"database", p.Database, "user", p.User}
			m.gauge("pgbouncer_pools_client_active_connections", "Client connections linked to server connection and able to process queries", float64(p.ClActive), l...)
			m.gauge("pgbouncer_pools_client_waiting_connections", "Client connections waiting on a server connection", float64(p.ClWaiting), l...)
			m.gauge("pgbouncer_pools_server_active_connections", "Server connections linked to a client connection", float64(p.SvActive), l...)
			m.gauge("pgbouncer_pools_server_idle_connections", "Server connections idle and ready for a client query", float64(p.SvIdle), l...)
			m.gauge("pgbouncer_pools_server_used_connections", "Server connections idle more than server_check_delay, needing server_check_query", float64(p.SvUsed), l...)
			m.gauge("pgbouncer_pools_client_maxwait_seconds", "Age of oldest unserved client connection", p.MaxWait, l...)
			m.gauge("pgbouncer_pools_pool_size", "Configured pool size of the pool's database", float64(p.PoolSize), l...)
		}
	case "redis":
		m.gauge("redis_connected_clients", "connected_clients metric", r.Extra["connected_clients"])
		m.gauge("redis_blocked_clients", "blocked_clients metric", r.Extra["blocked_clients"])
		m.gauge("redis_config_maxclients", "config_maxclients metric", float64(r.MaxConnections))
		m.counter("redis_rejected_connections_total", "rejected_connections metric", r.Extra["rejected_connections"])
		m.counter("redis_connections_received_total", "connections_received_total metric", r.Extra["total_connections_received"])
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func ratio(a, b int) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// resultCollector exposes already-polled results.
type resultCollector struct {
	results   []*Result
	withLabel bool
	hist      *History
}

func (c *resultCollector) Describe(ch chan<- *prometheus.Desc) {} // unchecked collector

func (c *resultCollector) Collect(ch chan<- prometheus.Metric) {
	for _, r := range c.results {
		s := &metricSink{descs: map[string]*prometheus.Desc{}}
		if c.withLabel {
			s.target = r.Target
		}
		var leaking map[string]bool
		if c.hist != nil {
			leaking = c.hist.Leaking(r.Target)
		}
		s.metrics(r, leaking)
		for _, m := range s.out {
			ch <- m
		}
	}
}

// WritePrometheus writes results in the Prometheus text format.
func WritePrometheus(w io.Writer, rs []*Result, h *History) error {
	reg := prometheus.NewPedanticRegistry()
	if err := reg.Register(&resultCollector{results: rs, withLabel: len(rs) > 1, hist: h}); err != nil {
		return err
	}
	mfs, err := reg.Gather()
	if err != nil {
		return err
	}
	enc := expfmt.NewEncoder(w, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, mf := range mfs {
		if err := enc.Encode(mf); err != nil {
			return err
		}
	}
	return nil
}
