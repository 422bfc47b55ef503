package pools

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/connlint/connlint/analyzers/jsts"
)

// linkJSFactories: a client built through a factory takes the maximum of
// the constructions the factory returns (several, in its branches: the
// largest; a factory of factories: followed), and those constructions
// count at the factory's calls, not on their own.
func (r *resolver) linkJSFactories() {
	byRet := map[string][]*Site{}
	byFile := map[string][]*Site{}
	for _, s := range r.sites {
		if s.retKey != "" {
			byRet[s.retKey] = append(byRet[s.retKey], s)
			file, _, _ := strings.Cut(s.retKey, "#")
			byFile[file] = append(byFile[file], s)
		}
	}
	// candidates: the factory named; else, in an imported module, its
	// one factory of that client kind (a default export has no name the
	// importer uses).
	candidates := func(s *Site) []*Site {
		if cs := byRet[s.callKey]; len(cs) > 0 {
			return cs
		}
		file, _, _ := strings.Cut(s.callKey, "#")
		var out []*Site
		keys := map[string]bool{}
		for _, c := range byFile[file] {
			if c.Client == s.Client {
				out = append(out, c)
				keys[c.retKey] = true
			}
		}
		if len(keys) != 1 {
			return nil
		}
		return out
	}
	done := map[*Site]bool{}
	var resolve func(s *Site, depth int)
	resolve = func(s *Site, depth int) {
		if done[s] || s.callKey == "" || depth > 8 {
			return
		}
		done[s] = true
		cands := candidates(s)
		if len(cands) == 0 {
			return
		}
		for _, c := range cands {
			resolve(c, depth+1)
			c.Instances = 0
			c.Notes = appendOnce(c.Notes, "returned by a factory: counted at each of its calls")
		}
		best := largestSite(cands)
		s.Kind, s.Server, s.Params, s.ApplicationName = best.Kind, best.Server, best.Params, best.ApplicationName
		s.Max = best.Max
		_, fn, _ := strings.Cut(s.callKey, "#")
		leaf := best
		if best.leaf != nil {
			leaf = best.leaf
		}
		s.leaf = leaf
		s.Max.Where = "built by " + fn + "(), from " + leaf.ID + ": " + leaf.Max.Where
		if len(cands) > 1 {
			s.Max.Where += " (the largest of " + itoa(len(cands)) + " constructions)"
		}
		// The maximum is the factory's parameter: this call's argument.
		if len(cands) == 1 && best.leaf == nil && best.pdep != nil {
			d := best.pdep
			if n, how, ok := d.fromCall(s.args); ok {
				s.Max = known(n, FromOption, fmt.Sprintf("built by %s(), from %s: %s is the factory's parameter %d; here %s", fn, leaf.ID, d.what, d.index+1, how))
			} else {
				s.Max.Where += "; here " + how
				s.Max.Reason = s.Max.Where
			}
		}
	}
	for _, s := range r.sites {
		resolve(s, 0)
	}
}

// largestSite: an unknown or unbounded maximum wins, else the largest.
func largestSite(ss []*Site) *Site {
	best := ss[0]
	rank := func(s *Site) int {
		switch s.Max.State {
		case Unbounded:
			return 2
		case Unknown:
			return 1
		}
		return 0
	}
	for _, s := range ss[1:] {
		if rank(s) > rank(best) || rank(s) == rank(best) && s.Max.Value() > best.Max.Value() {
			best = s
		}
	}
	return best
}

func itoa(n int) string { return strconv.Itoa(n) }

// devGuard matches a condition that holds only in development.
var devGuard = regexp.MustCompile(`NODE_ENV\s*===?\s*["'` + "`" + `]development["'` + "`" + `]|NODE_ENV\s*!==?\s*["'` + "`" + `]production["'` + "`" + `]`)

// devOnly: the construction sits in the consequence of an if whose
// condition holds only in development (process.env.NODE_ENV ===
// "development", !== "production").
func devOnly(f *jsts.File, n int32) bool {
	child := n
	for p := f.N[n].Parent; p >= 0; child, p = p, f.N[p].Parent {
		if f.K(p) != jsts.KIfStatement {
			continue
		}
		cond := f.Field(p, jsts.FCondition)
		if cons := f.Field(p, jsts.FConsequence); cons == child && cond >= 0 && devGuard.MatchString(f.Text(cond)) {
			return true
		}
	}
	return false
}

// nestIntoOuter: a construction handed to another (new Kysely({ dialect:
// new PostgresDialect({ pool: new Pool() }) }), or a pool in a variable
// passed to new PrismaPg(pool)) lives as long as that one: it takes the
// outer construction's context.
func nestIntoOuter(f *jsts.File, sites []jsts.Site) {
	for i := range sites {
		s := &sites[i]
		if !s.Nested {
			continue
		}
		if o := outerOf(f, sites, s); o != nil {
			s.Context, s.Why, s.Func = o.Context, o.Why, o.Func
		}
	}
}

// outerOf finds the construction whose arguments hold s, directly or
// through the variable s is stored in.
func outerOf(f *jsts.File, sites []jsts.Site, s *jsts.Site) *jsts.Site {
	var refs []int32
	if b := declaredBinding(f, s.Node); b != nil {
		refs = f.References(b)
	}
	for i := range sites {
		o := &sites[i]
		if o.Node == s.Node {
			continue
		}
		args := f.Field(o.Node, jsts.FArguments)
		if args < 0 {
			continue
		}
		if f.Contains(args, s.Node) {
			return o
		}
		for _, r := range refs {
			if f.Contains(args, r) {
				return o
			}
		}
	}
	return nil
}

// declaredBinding: the const or let a construction initialises (through
// await and parentheses), or nil.
func declaredBinding(f *jsts.File, n int32) *jsts.Binding {
	x := f.UpParens(n)
	for p := f.N[x].Parent; p >= 0; x, p = p, f.N[p].Parent {
		switch f.K(p) {
		case jsts.KAwaitExpression, jsts.KParenthesizedExpression:
			continue
		case jsts.KVariableDeclarator:
			if name := f.Field(p, jsts.FName); name >= 0 && f.K(name) == jsts.KIdentifier {
				return f.Lookup(name)
			}
		}
		return nil
	}
	return nil
}

// factoryName is the name callers use for the factory a construction is
// returned by: the function's, or the class's for a constructor that
// stores the client (new RedisService() builds it).
func factoryName(f *jsts.File, js jsts.Site) string {
	if js.Func != "constructor" {
		return js.Func
	}
	for p := f.N[js.Node].Parent; p >= 0; p = f.N[p].Parent {
		switch f.K(p) {
		case jsts.KClassDeclaration, jsts.KClass, jsts.KAbstractClassDeclaration:
			if name := f.Field(p, jsts.FName); name >= 0 {
				return f.Text(name)
			}
			if d := f.N[p].Parent; d >= 0 && f.K(d) == jsts.KVariableDeclarator {
				if name := f.Field(d, jsts.FName); name >= 0 {
					return f.Text(name)
				}
			}
			return js.Func
		}
	}
	return js.Func
}
