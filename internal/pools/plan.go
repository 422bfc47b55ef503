package pools

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/connlint/connlint/analyzers/config"
)

// Amount is a sum of pool maxima: the known part, and whether some part
// is unknown or unbounded (then Known is a lower bound).
type Amount struct {
	Known int `json:"known"`
	// State: known (Known is the sum), unknown, unbounded.
	State   string   `json:"state"`
	Reasons []string `json:"reasons,omitempty"`
}

func (a *Amount) add(n int, state, reason string) {
	a.Known += n
	switch {
	case state == Unbounded:
		a.State = Unbounded
	case state == Unknown && a.State != Unbounded:
		a.State = Unknown
	}
	if state != Known && reason != "" && !slices.Contains(a.Reasons, reason) {
		a.Reasons = append(a.Reasons, reason)
	}
}

func (a *Amount) merge(b *Amount, times int) {
	a.Known += b.Known * times
	if b.State != Known {
		a.add(0, b.State, "")
	}
	for _, r := range b.Reasons {
		if !slices.Contains(a.Reasons, r) {
			a.Reasons = append(a.Reasons, r)
		}
	}
}

// String: "25", "≥ 25 + unknown", "unbounded".
func (a *Amount) String() string {
	switch a.State {
	case Known:
		return fmt.Sprint(a.Known)
	case Unbounded:
		if a.Known > 0 {
			return fmt.Sprintf("unbounded (≥ %d)", a.Known)
		}
		return "unbounded"
	}
	if a.Known > 0 {
		return fmt.Sprintf("≥ %d + unknown", a.Known)
	}
	return "unknown"
}

func newAmount() *Amount { return &Amount{State: Known} }

// Server is the capacity of one server kind, and what the plan puts on it.
type Server struct {
	Kind           string  `json:"kind"`
	MaxConnections *int    `json:"max_connections"`
	Reserved       *int    `json:"reserved"`
	Capacity       *int    `json:"capacity"`
	CapacitySource string  `json:"capacity_source,omitempty"` // flags, or the DSN (masked)
	Planned        *Amount `json:"planned"`
	Headroom       *int    `json:"headroom"`
	// Verdict: fits, exceeds, unknown.
	Verdict string   `json:"verdict"`
	Reasons []string `json:"reasons,omitempty"`
}

// Finding is something the plan calls out beside the sums (the seed's
// own shape: Prisma with connection_limit unset on serverless hosting).
type Finding struct {
	Kind    string `json:"kind"`
	App     string `json:"app"`
	Site    string `json:"site,omitempty"`
	Message string `json:"message"`
}

// Plan is the output of connlint pools (its --format json).
type Plan struct {
	Version  int       `json:"version"`
	CPUs     int       `json:"cpus"`
	Surge    bool      `json:"surge"`
	Checked  string    `json:"checked_server,omitempty"`
	Verdict  string    `json:"verdict"`
	Sites    []*Site   `json:"sites"`
	Apps     []*App    `json:"apps"`
	Scripts  []string  `json:"scripts"`
	Servers  []*Server `json:"servers"`
	Findings []Finding `json:"findings"`
	Errors   []string  `json:"errors"`

	guessed bool // Checked is a guess: SQL clients of no known server kind
}

// Verdicts.
const (
	Fits    = "fits"
	Exceeds = "exceeds"
	Unsure  = "unknown"
)

// sqlClients talk to a SQL server whose kind the code may not say: they
// are counted on the checked SQL server.
var sqlClients = map[string]bool{"sql": true, "sqlx": true, "gorm": true, "ent": true, "bun": true, "knex": true, "sequelize": true, "typeorm": true, "prisma": true, "kysely": true, "drizzle": true}

// applyConfig merges the configured apps into the discovered ones: a
// configured app with the path (or name) of a discovered one sets its
// name, replicas, processes and live names; one that matches none claims
// the sites under its path.
func applyConfig(cfg *config.Config, wd string, apps []*App, sites []*Site) ([]*App, []string) {
	var errs []string
	for _, ca := range cfg.Apps {
		var target *App
		abs := ""
		if ca.Path != "" {
			abs = filepath.Join(cfg.Dir, filepath.FromSlash(ca.Path))
		}
		for _, a := range apps {
			if abs != "" && a.dir == abs || abs == "" && a.Name == ca.Name {
				target = a
				break
			}
		}
		if target == nil {
			if abs == "" {
				errs = append(errs, fmt.Sprintf("%s:%d: app %q: no deployable of that name found; give its path", cfg.File, ca.Line, ca.Name))
				continue
			}
			target = &App{Name: ca.Name, Kind: "configured", dir: abs, Path: relTo(wd, abs)}
			apps = append(apps, target)
			for _, s := range sites {
				if within(abs, s.dir) {
					s.Apps = []string{ca.Name}
				}
			}
		}
		old := target.Name
		target.Name, target.Configured = ca.Name, true
		for _, s := range sites {
			for i, n := range s.Apps {
				if n == old {
					s.Apps[i] = ca.Name
				}
			}
		}
		if ca.Replicas != nil {
			n := *ca.Replicas
			target.Replicas, target.ReplicasSource = &n, fmt.Sprintf("config (%s:%d)", relTo(wd, cfg.File), ca.Line)
		}
		target.Processes = ca.Processes
		target.Match = Match{ApplicationNames: ca.ApplicationNames, Users: ca.Users}
		if ca.Serverless != nil {
			target.Serverless = *ca.Serverless
			target.Hosting = append(target.Hosting, fmt.Sprintf("serverless: %v in %s", *ca.Serverless, relTo(wd, cfg.File)))
		}
	}
	return apps, errs
}

func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// sum fills each app's per-instance and total amounts and each server's
// planned total and verdict.
func (p *Plan) sum(opts Options) {
	byID := map[string]*Site{}
	for _, s := range p.Sites {
		byID[s.ID] = s
		if s.Script {
			p.Scripts = append(p.Scripts, s.ID)
		}
	}
	for _, a := range p.Apps {
		a.PerInstance, a.Total = map[string]*Amount{}, map[string]*Amount{}
		if a.Processes == 0 {
			a.Processes = 1
		}
		for _, s := range p.Sites {
			if !slices.Contains(s.Apps, a.Name) || s.Script {
				continue
			}
			a.Sites = append(a.Sites, s.ID)
			if s.Kind == KindWraps || s.Kind == KindNone {
				continue // no connection of its own
			}
			n, state := s.PerProcess()
			reason := reasonOf(s)
			if inst, ok := a.instance[s.ID]; ok && s.Instances > 0 {
				switch {
				case inst < 0:
					n, state = 0, Unbounded
					reason = "built by " + s.perCallCaller(a) + ": one client per call, no bound"
				case state == Known:
					n = inst * s.Max.Value()
				}
			}
			srv := s.Server
			if srv == "" {
				srv = Unknown
			}
			am := a.PerInstance[srv]
			if am == nil {
				am = newAmount()
				a.PerInstance[srv] = am
			}
			am.add(n, state, s.ID+": "+reason)
		}
		if len(a.Match.ApplicationNames) == 0 && len(a.Match.Users) == 0 {
			a.Match.ApplicationNames = a.defaultNames(byID)
		}
		for srv, per := range a.PerInstance {
			t := newAmount()
			times := a.Processes
			switch {
			case a.Replicas != nil:
				times *= *a.Replicas
			default:
				t.add(0, Unknown, a.Name+": replicas unknown ("+a.ReplicasSource+")")
			}
			if opts.Surge {
				times *= 2
			}
			t.merge(per, times)
			a.Total[srv] = t
		}
	}
	p.servers(opts)
}

// defaultNames: the application_name the app's sites set, else its name.
func (a *App) defaultNames(byID map[string]*Site) []string {
	var names []string
	for _, id := range a.Sites {
		if s := byID[id]; s != nil && s.ApplicationName != "" && !slices.Contains(names, s.ApplicationName) {
			names = append(names, s.ApplicationName)
		}
	}
	if len(names) == 0 {
		names = []string{a.Name}
	}
	return names
}

func reasonOf(s *Site) string {
	if s.Instances < 0 {
		return "built per call"
	}
	if s.Max.Reason != "" {
		return s.Max.Reason
	}
	return s.Max.Where
}

// servers sums the apps per server kind, and judges the checked one.
func (p *Plan) servers(opts Options) {
	kinds := map[string]bool{}
	for _, a := range p.Apps {
		for k := range a.Total {
			kinds[k] = true
		}
	}
	if p.Checked == "" {
		p.Checked = chooseServer(kinds, false)
		if p.Checked == "" && kinds[Unknown] && p.sqlOnlyAll() {
			// SQL clients whose server kind the code does not say: a SQL
			// server, even beside Redis or MongoDB clients.
			p.Checked = "postgres"
			p.guessed = true
		}
		if p.Checked == "" {
			p.Checked = chooseServer(kinds, true)
		}
	}
	var list []string
	for k := range kinds {
		list = append(list, k)
	}
	if p.Checked != "" && !kinds[p.Checked] {
		list = append(list, p.Checked)
	}
	sort.Strings(list)
	checkedSQL := p.Checked == "postgres" || p.Checked == "mysql" || p.Checked == "sqlserver"
	for _, k := range list {
		if k == Unknown && checkedSQL {
			continue // counted on the checked SQL server below
		}
		srv := &Server{Kind: k, Planned: newAmount()}
		for _, a := range p.Apps {
			if t := a.Total[k]; t != nil {
				srv.Planned.merge(t, 1)
			}
			if k == p.Checked && checkedSQL {
				if t := a.Total[Unknown]; t != nil && p.sqlOnly(a) {
					srv.Planned.merge(t, 1)
					srv.Reasons = append(srv.Reasons, a.Name+": a client whose server kind the code does not say is counted here")
				}
			}
		}
		if k == p.Checked {
			if p.guessed {
				srv.Reasons = append(srv.Reasons, "the code does not say which SQL server its clients use: checked as postgres (give --server)")
			}
			p.judge(srv, opts)
		}
		p.Servers = append(p.Servers, srv)
	}
	p.Verdict = Unsure
	for _, s := range p.Servers {
		if s.Kind == p.Checked {
			p.Verdict = s.Verdict
		}
	}
	if p.Checked == "" {
		p.Verdict = Unsure
	}
}

// sqlOnlyAll: every client of unknown server kind is a SQL client.
func (p *Plan) sqlOnlyAll() bool {
	for _, a := range p.Apps {
		if !p.sqlOnly(a) {
			return false
		}
	}
	return true
}

// sqlOnly: the app's clients of unknown server kind are SQL clients.
func (p *Plan) sqlOnly(a *App) bool {
	for _, s := range p.Sites {
		if slices.Contains(s.Apps, a.Name) && s.Server == "" && !sqlClients[s.Client] {
			return false
		}
	}
	return true
}

func chooseServer(kinds map[string]bool, other bool) string {
	order := []string{"postgres", "mysql", "sqlserver"}
	if other {
		order = []string{"redis", "mongodb"}
	}
	for _, k := range order {
		if kinds[k] {
			return k
		}
	}
	return ""
}

// judge compares the planned total with the capacity.
func (p *Plan) judge(srv *Server, opts Options) {
	if opts.MaxConnections != nil {
		mc := *opts.MaxConnections
		res := opts.Reserved
		capacity := mc - res
		if opts.Capacity != nil {
			capacity = *opts.Capacity
		}
		srv.MaxConnections, srv.Reserved, srv.Capacity = &mc, &res, &capacity
		srv.CapacitySource = opts.CapacitySource
	}
	switch {
	case srv.Capacity != nil && srv.Planned.Known > *srv.Capacity:
		srv.Verdict = Exceeds
		h := *srv.Capacity - srv.Planned.Known
		srv.Headroom = &h
		srv.Reasons = append(srv.Reasons, fmt.Sprintf("the pools can open %d connections, %d more than the %d the server allows", srv.Planned.Known, -h, *srv.Capacity))
	case srv.Capacity == nil:
		srv.Verdict = Unsure
		srv.Reasons = append(srv.Reasons, "no capacity given: pass --max-connections (and --reserved) or --dsn")
	case srv.Planned.State != Known:
		srv.Verdict = Unsure
		h := *srv.Capacity - srv.Planned.Known
		srv.Headroom = &h
		srv.Reasons = append(srv.Reasons, srv.Planned.Reasons...)
	default:
		srv.Verdict = Fits
		h := *srv.Capacity - srv.Planned.Known
		srv.Headroom = &h
	}
}

// findings calls out the seed's shape: a Next.js app with Prisma whose
// connection_limit is unset, on serverless hosting: every function
// instance opens its own pool of num_cpus*2+1.
func (p *Plan) findings() {
	byID := map[string]*Site{}
	for _, s := range p.Sites {
		byID[s.ID] = s
	}
	for _, a := range p.Apps {
		if !a.Serverless {
			continue
		}
		for _, id := range a.Sites {
			s := byID[id]
			if s == nil || s.Client != "prisma" || s.Kind != KindPool || s.Max.Source != FromDefault {
				continue
			}
			p.Findings = append(p.Findings, Finding{Kind: "serverless-prisma-default-pool", App: a.Name, Site: s.ID,
				Message: fmt.Sprintf("%s runs as serverless functions (%s) and its Prisma client at %s sets no connection_limit: every function instance opens its own pool of up to %s connections, and the instances are as many as the concurrent requests. Set connection_limit=1 in the datasource URL (Prisma's advice for serverless), a pool_timeout, and put a pooler in front (PgBouncer with pgbouncer=true, Prisma Accelerate, the provider's pooled URL); then --replicas %s=N with the most concurrent instances you allow.",
					a.Name, strings.Join(a.Hosting, ", "), s.ID, s.Max.String(), a.Name)})
		}
		if a.Replicas == nil {
			p.Findings = append(p.Findings, Finding{Kind: "serverless-replicas-unknown", App: a.Name,
				Message: fmt.Sprintf("%s runs as serverless functions (%s): each instance is a process with its own pools, and nothing here bounds how many run at once. Give --replicas %s=N (or replicas: in .connlint.yml) with the concurrency limit you set on the platform.", a.Name, strings.Join(a.Hosting, ", "), a.Name)})
		}
	}
	for _, s := range p.Sites {
		if s.Instances < 0 {
			p.Findings = append(p.Findings, Finding{Kind: "per-call-client", App: strings.Join(s.Apps, ","), Site: s.ID,
				Message: fmt.Sprintf("%s builds a %s client per call: no pool size bounds what it opens; build it once (connlint's singleton rule)", s.ID, s.Library)})
		}
		if s.Max.State == Unbounded && s.Instances >= 0 && !s.Script {
			p.Findings = append(p.Findings, Finding{Kind: "unbounded-pool", App: strings.Join(s.Apps, ","), Site: s.ID,
				Message: fmt.Sprintf("%s: %s", s.ID, s.Max.Reason)})
		}
	}
}
