// Package plan reads the capacity plan `connlint pools --format json`
// writes, for `connlint live --plan`: how many connections each
// application's pools allow on each kind of server, and which live
// connections are the application's (application_name or user). More live
// connections than planned means a second client or a leak.
package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Plan is the part of the pools JSON the live check reads.
type Plan struct {
	File    string `json:"-"`
	Version int    `json:"version"`
	Surge   bool   `json:"surge"`
	CPUs    int    `json:"cpus"`
	Apps    []App  `json:"apps"`
}

// App is one application of the plan.
type App struct {
	Name           string            `json:"name"`
	Path           string            `json:"path"`
	Replicas       *int              `json:"replicas"`
	ReplicasSource string            `json:"replicas_source"`
	Processes      int               `json:"processes"`
	Match          Match             `json:"match"`
	PerInstance    map[string]Amount `json:"per_instance"`
	Total          map[string]Amount `json:"total"`
	Sites          []string          `json:"sites"`
}

// Match says which live connections are the application's.
type Match struct {
	ApplicationNames []string `json:"application_name,omitempty"`
	Users            []string `json:"user,omitempty"`
}

// Amount is a planned number of connections: Known is exact when State is
// "known", a lower bound otherwise.
type Amount struct {
	Known   int      `json:"known"`
	State   string   `json:"state"`
	Reasons []string `json:"reasons,omitempty"`
}

// Load reads a plan file.
func Load(path string) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("--plan %s: %v", path, pe.Err)
		}
		return nil, fmt.Errorf("--plan %s: %v", path, err)
	}
	var p Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("--plan %s: not the JSON of connlint pools --format json: %v", path, err)
	}
	if p.Version != 1 {
		return nil, fmt.Errorf("--plan %s: plan version %d, want 1 (write it with connlint pools --format json)", path, p.Version)
	}
	if len(p.Apps) == 0 {
		return nil, fmt.Errorf("--plan %s: the plan has no application", path)
	}
	p.File = path
	return &p, nil
}

// SetMatch reads a --plan-app flag, APP=app:NAME[,NAME...] or
// APP=user:NAME[,...] (a bare NAME is an application_name), and makes it
// the application's match.
func (p *Plan) SetMatch(flag string) error {
	app, spec, ok := strings.Cut(flag, "=")
	if !ok || app == "" || spec == "" {
		return fmt.Errorf("--plan-app %q: want APP=app:NAME or APP=user:NAME", flag)
	}
	i := slices.IndexFunc(p.Apps, func(a App) bool { return a.Name == app })
	if i < 0 {
		var names []string
		for _, a := range p.Apps {
			names = append(names, a.Name)
		}
		return fmt.Errorf("--plan-app %q: the plan has no application %q (it has %s)", flag, app, strings.Join(names, ", "))
	}
	var m Match
	for _, part := range strings.Split(spec, ",") {
		switch kind, name, ok := strings.Cut(part, ":"); {
		case ok && kind == "user" && name != "":
			m.Users = append(m.Users, name)
		case ok && kind == "app" && name != "":
			m.ApplicationNames = append(m.ApplicationNames, name)
		case !ok && part != "":
			m.ApplicationNames = append(m.ApplicationNames, part)
		default:
			return fmt.Errorf("--plan-app %q: want APP=app:NAME or APP=user:NAME", flag)
		}
	}
	if len(m.Users) > 0 && len(m.ApplicationNames) > 0 {
		return fmt.Errorf("--plan-app %q: match by application_name or by user, not both", flag)
	}
	p.Apps[i].Match = m
	return nil
}

// Server is the plan's server kind for a live engine: connections to
// PgBouncer are what the pools open toward PostgreSQL.
func Server(engine string) string {
	if engine == "pgbouncer" {
		return "postgres"
	}
	return engine
}

// Budget is what one application may hold on a server, per the plan.
type Budget struct {
	App    string // the plan's application
	Names  []string
	ByUser bool
	// Limit is the planned maximum; Bounded is false when the plan has
	// no bound for it (an unknown or unbounded pool, unknown replicas).
	Limit   int
	Bounded bool
	Why     string // how the limit was planned, or why there is none
}

// Key is the budget's check name: budget:app:NAME (budget:user:NAME),
// the names joined with + when there are several.
func (b Budget) Key() string {
	kind := "app"
	if b.ByUser {
		kind = "user"
	}
	return "budget:" + kind + ":" + strings.Join(b.Names, "+")
}

// Budgets are the plan's budgets on a server kind, one per application
// whose pools reach that kind of server.
func (p *Plan) Budgets(server string) []Budget {
	var out []Budget
	for _, a := range p.Apps {
		t, ok := a.Total[server]
		if !ok {
			continue
		}
		b := Budget{App: a.Name, Names: a.Match.ApplicationNames}
		if len(a.Match.Users) > 0 {
			b.Names, b.ByUser = a.Match.Users, true
		}
		if len(b.Names) == 0 {
			b.Names = []string{a.Name}
		}
		b.Why = a.how(server, p.Surge)
		if t.State == "known" {
			b.Limit, b.Bounded = t.Known, true
		} else {
			b.Why = t.State
			if len(t.Reasons) > 0 {
				b.Why += ": " + strings.Join(t.Reasons, "; ")
			}
		}
		out = append(out, b)
	}
	return out
}

// how says how the application's total was planned.
func (a App) how(server string, surge bool) string {
	per := a.PerInstance[server]
	r := "?"
	if a.Replicas != nil {
		r = strconv.Itoa(*a.Replicas)
	}
	s := fmt.Sprintf("%s replica(s) x %d process(es) x %d per process", r, max(a.Processes, 1), per.Known)
	if surge {
		s += " x 2 (surge)"
	}
	return s
}
