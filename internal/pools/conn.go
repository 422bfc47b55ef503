package pools

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/connlint/connlint/analyzers/catalog"
)

// shownParams are connection string parameters the inventory shows beside
// the maximum: the other numbers a pool's behaviour under load hangs on.
var shownParams = []string{"pool_timeout", "connect_timeout", "pgbouncer", "application_name", "statement_cache_size", "pool_min_conns", "min_pool_size"}

// connFinding is what a connection string says about a pool.
type connFinding struct {
	limit  *Limit // set when the string sets the maximum
	server string
	params map[string]string
	app    string // application_name
	notes  []string
}

// fromConnString reads the maximum (param) from a connection string: a
// literal, a template, or an environment variable whose definitions are
// looked up in the project's env files. codeWhere is where the code
// reads it.
func (r *resolver) fromConnString(sv strVal, codeWhere, param, dir string) connFinding {
	var out connFinding
	if sv.literal || sv.template {
		out.server = schemeServer(sv.text)
		r.readParams(&out, sv.text)
		if param == "" {
			return out
		}
		if v, ok := paramIn(sv.text, param); ok {
			out.limit = r.paramLimit(v, param, "in the connection string ("+codeWhere+")")
			return out
		}
	}
	if sv.env == "" {
		return out
	}
	vals := r.env.Lookup(dir, sv.env)
	if len(vals) == 0 {
		out.notes = append(out.notes, fmt.Sprintf("%s (read at %s) is defined in no .env or docker-compose file here: the deployed value decides%s", sv.env, codeWhere, paramHint(param)))
		return out
	}
	r.fromEnvValues(&out, sv.env, vals, param)
	return out
}

func paramHint(param string) string {
	if param == "" {
		return ""
	}
	return " (" + param + " in it sets the maximum)"
}

// fromEnvValues reads the maximum from every definition of an environment
// variable holding a connection string. When the definitions disagree the
// largest maximum is kept (a plan must hold for each), the library default
// counting for a definition without the parameter.
func (r *resolver) fromEnvValues(out *connFinding, name string, vals []EnvValue, param string) {
	var set, unset []string
	best := -1
	for _, v := range vals {
		if out.server == "" {
			out.server = schemeServer(v.Value)
		}
		r.readParams(out, v.Value)
		if param == "" {
			continue
		}
		p, ok := URLParam(v.Value, param)
		if !ok {
			unset = append(unset, v.Where())
			continue
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			out.notes = append(out.notes, fmt.Sprintf("%s=%q in %s (%s) is not a number", param, p, name, v.Where()))
			continue
		}
		set = append(set, fmt.Sprintf("%s=%d in %s (%s)", param, n, name, v.Where()))
		best = max(best, n)
	}
	switch {
	case len(set) == 0 && len(unset) > 0:
		out.notes = append(out.notes, fmt.Sprintf("%s (%s) sets no %s", name, strings.Join(unset, ", "), param))
	case len(set) > 0 && len(unset) == 0:
		l := known(best, FromURL, strings.Join(set, "; "))
		l.Env = name
		out.limit = &l
	case len(set) > 0:
		l := known(best, FromURL, strings.Join(set, "; "))
		l.Env = name
		out.limit = &l
		out.notes = append(out.notes, fmt.Sprintf("%s in %s sets no %s: the library default applies there", name, strings.Join(unset, ", "), param))
	}
}

func (r *resolver) readParams(out *connFinding, conn string) {
	for _, p := range shownParams {
		if v, ok := URLParam(conn, p); ok && !strings.Contains(v, "${") {
			if out.params == nil {
				out.params = map[string]string{}
			}
			out.params[p] = v
			if p == "application_name" && out.app == "" {
				out.app = v
			}
		}
	}
}

func (r *resolver) paramLimit(v, param, where string) *Limit {
	n, err := strconv.Atoi(v)
	if err != nil {
		l := unknown(FromURL, fmt.Sprintf("%s=%s %s is not a number", param, v, where))
		return &l
	}
	l := known(n, FromURL, fmt.Sprintf("%s=%d %s", param, n, where))
	return &l
}

// defaultLimit is the library's default from the catalog, evaluated for
// the plan's CPUs.
func (r *resolver) defaultLimit(e *catalog.Entry, lib string) Limit {
	p := e.Pool
	if p == nil || p.Max == "" {
		return unknown(FromDefault, "the catalog has no default for "+lib)
	}
	return r.formulaLimit(p.Max, lib+" default")
}

// nodeDefaultLimit is the catalog's default per node of a constructor
// that opens a pool per cluster node.
func (r *resolver) nodeDefaultLimit(e *catalog.Entry, lib string) Limit {
	if e.Pool == nil || e.Pool.NodeMax == "" {
		return r.defaultLimit(e, lib)
	}
	return r.formulaLimit(e.Pool.NodeMax, lib+" default per cluster node")
}

func (r *resolver) formulaLimit(max, what string) Limit {
	if max == "unbounded" {
		return unbounded(FromDefault, what+": no limit")
	}
	fm, err := catalog.ParseFormula(max)
	if err != nil {
		return unknown(FromDefault, "bad catalog default "+max)
	}
	n := fm.Eval(r.cpus)
	l := known(n, FromDefault, fmt.Sprintf("%s %s", what, max))
	if fm.CPU {
		l.Formula = max
		l.Where = fmt.Sprintf("%s %s = %d for %d CPUs", what, max, n, r.cpus)
	}
	return l
}

// envNumber turns an environment read with a literal default into a
// limit: the default, or the largest value the project's env files give
// the variable.
func (r *resolver) envNumber(v numVal, dir, codeWhere string) Limit {
	where := fmt.Sprintf("env %s, default %d (%s)", v.env, v.def, codeWhere)
	n := v.def
	var defs []string
	for _, ev := range r.env.Lookup(dir, v.env) {
		x, err := strconv.Atoi(strings.TrimSpace(ev.Value))
		if err != nil {
			continue
		}
		defs = append(defs, fmt.Sprintf("%d in %s", x, ev.Where()))
		n = max(n, x)
	}
	if len(defs) > 0 {
		sort.Strings(defs)
		where += "; set to " + strings.Join(defs, ", ")
	}
	l := known(n, FromEnv, where)
	l.Env = v.env
	return l
}
