package pools

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/connlint/connlint/analyzers/catalog"
	"github.com/connlint/connlint/analyzers/jsts"
)

// resolver turns constructions into sites: it evaluates options, reads
// connection strings, env files and Prisma schemas. Shared by the TS/JS
// and Go halves; safe for concurrent use.
type resolver struct {
	wd     string
	cpus   int
	cat    *catalog.Catalog
	env    *envIndex
	prisma *prismaSchemas

	mu    sync.Mutex
	sites []*Site
}

func (r *resolver) add(s *Site) {
	r.mu.Lock()
	r.sites = append(r.sites, s)
	r.mu.Unlock()
}

// jsAnalyzer is run by the TS/JS engine on every file it checks: it reads
// the engine's construction sites and evaluates each.
func (r *resolver) jsAnalyzer() *jsts.Analyzer {
	return &jsts.Analyzer{
		Name: "pools",
		Doc:  "inventory of client constructions and their pool sizes",
		Run: func(p *jsts.Pass) {
			sites := p.Sites()
			if len(sites) == 0 {
				return
			}
			ev := &jsEval{f: p.File}
			siteNodes := map[int32]bool{}
			for _, s := range sites {
				siteNodes[s.Node] = true
			}
			nestIntoOuter(p.File, sites)
			for _, s := range sites {
				r.add(r.jsSite(p, ev, s, siteNodes))
			}
		},
	}
}

func (r *resolver) jsSite(p *jsts.Pass, ev *jsEval, js jsts.Site, siteNodes map[int32]bool) *Site {
	f := p.File
	line, col := f.StartPos(js.Node)
	s := &Site{
		ID: siteID(f.Rel, line), File: f.Rel, Line: line, Column: col, Language: f.Lang,
		Client: js.Entry.Client, Library: jsLibrary(f, js), Call: jsCall(f, js.Node),
		Context: js.Context, Via: js.Via, Script: p.Entrypoint() && !p.Server(), Instances: 1,
		dir: filepath.Dir(f.Path),
	}
	switch js.Context {
	case "per-call":
		s.Instances = -1
		s.Notes = append(s.Notes, "built per call ("+js.Why+"): each call opens another client, so there is no bound (connlint's singleton rule reports it)")
	case "returned":
		s.retKey = f.Path + "#" + factoryName(f, js)
	}
	if devOnly(f, js.Node) {
		s.Instances, s.DevOnly = 0, true
		s.Notes = append(s.Notes, "built only when NODE_ENV is development: not counted in production")
	}
	if js.Via != "" {
		// Built through a factory: the factory's construction decides;
		// linked after the run (linkJSFactories).
		s.Kind, s.Max = KindPool, unknown(FromFactory, "built by "+js.Via+"(): its construction was not found")
		file := f.Path
		if js.WrapperFile != "" {
			file = js.WrapperFile
		}
		s.callKey = file + "#" + lastSegment(js.Via)
		s.Server = serverOf(js.Entry)
		s.args = callArgs(ev, js.Node)
		return s
	}
	r.jsLimit(s, ev, js, siteNodes)
	return s
}

// jsLimit fills the kind, server and maximum of a direct construction.
func (r *resolver) jsLimit(s *Site, ev *jsEval, js jsts.Site, siteNodes map[int32]bool) {
	e := js.Entry
	pool := e.Pool
	s.Server = serverOf(e)
	if pool == nil {
		s.Kind, s.Max = KindPool, unknown(FromDefault, "the catalog says nothing of "+e.Client+"'s pool")
		return
	}
	ctor := lastSegment(calleeName(ev.f, js.Node))
	switch {
	case slices.Contains(pool.PerNode, ctor) || slices.ContainsFunc(pool.PerNode, func(n string) bool { return strings.HasSuffix(calleeName(ev.f, js.Node), n) }):
		s.Kind = KindPerNode
		per := "one connection"
		if pool.Kind == catalog.PoolKindPool {
			per = "a pool of " + pool.Max
		}
		s.Max = unknown(FromDefault, per+" per cluster node: the total depends on the node count")
		return
	case pool.Kind == catalog.PoolKindConnection:
		s.Kind, s.Max = KindConnection, known(1, FromConnection, "one connection ("+s.Library+")")
		return
	case pool.Kind == catalog.PoolKindNone:
		s.Kind, s.Max = KindNone, known(0, FromConnection, "no server connection held ("+s.Library+": HTTP)")
		return
	case pool.Kind == catalog.PoolKindWraps:
		s.Kind, s.Max = KindWraps, known(0, FromWraps, "uses a pool built elsewhere, counted where it is built")
		return
	}
	s.Kind = KindPool
	args := ev.args(js.Node)
	opts, opaque := optionsArg(ev, args)
	if opaque && len(args) == 1 && urlFirst[e.Client] {
		// postgres(url), mongoose.connect(uri): a lone argument of a
		// library that takes the URL first is the URL.
		opaque = false
		if pool.URLParam != "" {
			s.Notes = append(s.Notes, "the connection string ("+shortText(ev.f.Text(args[0]))+") was not followed: "+pool.URLParam+" in it would set the maximum")
		}
	}
	if e.Client == "prisma" {
		r.prismaLimit(s, ev, e, opts, opaque, siteNodes)
		return
	}
	if opts >= 0 {
		s.Server = firstNonEmpty(serverOption(ev, e.Client, opts), s.Server)
		if e.Client == "knex" && s.Server == "sqlite" {
			s.Max = known(1, FromDefault, "knex sqlite3 default: max 1")
			return
		}
		for _, path := range pool.Options {
			v := ev.prop(opts, strings.Split(path, "."))
			if v < 0 {
				continue
			}
			line, _ := ev.f.StartPos(v)
			s.Max = r.numberLimit(ev, v, "option "+path, siteID(s.File, line), s.dir)
			if s.Max.State != Known && js.Context == "returned" {
				s.pdep = paramDepOf(ev, v, "option "+path+" ("+siteID(s.File, line)+")")
			}
			return
		}
		if ev.hasOpaqueSpread(opts) {
			s.Max = unknown(FromOption, "the options spread an object that was not followed: "+strings.Join(pool.Options, " or ")+" may be set there")
			return
		}
	}
	// A connection string: the first argument, or an option.
	if cs, where, ok := connStringArg(ev, args, opts); ok {
		cf := r.fromConnString(cs, where, pool.URLParam, s.dir)
		s.Server = firstNonEmpty(s.Server, cf.server)
		s.Params, s.ApplicationName = cf.params, cf.app
		s.Notes = append(s.Notes, cf.notes...)
		if cf.limit != nil {
			s.Max = *cf.limit
			return
		}
	}
	if opaque {
		s.Max = unknown(FromOption, fmt.Sprintf("the options (%s) were not followed: %s may be set there", shortText(ev.f.Text(args[len(args)-1])), strings.Join(pool.Options, " or ")))
		return
	}
	s.Max = r.defaultLimit(e, s.Library)
	if pool.Env != "" {
		s.Notes = append(s.Notes, pool.Env+" in the environment overrides the default")
	}
}

// numberLimit evaluates an option's value.
func (r *resolver) numberLimit(ev *jsEval, v int32, what, where, dir string) Limit {
	nv := ev.num(v)
	switch {
	case nv.state == Known && nv.env != "" && nv.hasDef:
		l := r.envNumber(nv, dir, what+" at "+where)
		l.Source = FromEnv
		return l
	case nv.state == Known && nv.env != "":
		// An env read with a default, then computed on: the default's
		// result; a value set in an env file is not carried through.
		l := known(nv.n, FromEnv, fmt.Sprintf("%s = %d (%s): %s, from environment variable %s's default", what, nv.n, where, nv.reason, nv.env))
		l.Env = nv.env
		return l
	case nv.state == Known:
		l := known(nv.n, FromOption, fmt.Sprintf("%s = %d (%s)", what, nv.n, where))
		if nv.reason != "" {
			l.Where += ", " + nv.reason
		}
		return l
	case nv.env != "":
		return unknown(FromEnv, fmt.Sprintf("%s read from environment variable %s with no default in the code (%s)", what, nv.env, where))
	}
	return unknown(FromOption, fmt.Sprintf("%s is %s (%s)", what, nv.reason, where))
}

// urlFirst: clients whose first argument is the connection string, the
// options second.
var urlFirst = map[string]bool{"postgres": true, "mongoose": true, "mongodb": true, "sequelize": true, "redis": true}

// optionsArg is the last argument that is an object literal (through
// const names). opaque: an argument that may be the options could not be
// read (an imported config, a function's result).
func optionsArg(ev *jsEval, args []int32) (int32, bool) {
	for i := len(args) - 1; i >= 0; i-- {
		if o := ev.object(args[i]); o >= 0 {
			return o, false
		}
	}
	if len(args) == 0 {
		return -1, false
	}
	last := ev.f.Unwrap(args[len(args)-1])
	if last < 0 {
		return -1, false
	}
	switch ev.f.K(last) {
	case jsts.KString, jsts.KTemplateString, jsts.KNumber, jsts.KUndefined, jsts.KNull:
		return -1, false
	case jsts.KMemberExpression, jsts.KSubscriptExpression:
		if _, env := envRead(ev.f, last); env {
			return -1, false
		}
	}
	if sv := ev.str(last); sv.literal || sv.env != "" || sv.template {
		return -1, false // a connection string
	}
	return -1, true
}

// connStringArg finds the connection string of a construction: a string
// first argument, or a connectionString/url/uri/connection option.
func connStringArg(ev *jsEval, args []int32, opts int32) (strVal, string, bool) {
	try := func(n int32) (strVal, string, bool) {
		sv := ev.str(n)
		if sv.literal || sv.template || sv.env != "" {
			line, _ := ev.f.StartPos(n)
			return sv, siteID(ev.f.Rel, line), true
		}
		return sv, "", false
	}
	if len(args) > 0 {
		if sv, w, ok := try(args[0]); ok && (sv.env != "" || strings.Contains(sv.text, "://")) {
			return sv, w, true
		}
	}
	if opts >= 0 {
		for _, k := range [][]string{{"connectionString"}, {"url"}, {"uri"}, {"connection"}, {"connection", "connectionString"}, {"connection", "uri"}} {
			if v := ev.prop(opts, k); v >= 0 {
				if sv, w, ok := try(v); ok {
					return sv, w, true
				}
			}
		}
	}
	return strVal{}, "", false
}

// serverOption reads the server kind from the options: knex client,
// Sequelize dialect, TypeORM type.
func serverOption(ev *jsEval, client string, opts int32) string {
	key := map[string]string{"knex": "client", "sequelize": "dialect", "typeorm": "type"}[client]
	if key == "" {
		return ""
	}
	v := ev.prop(opts, []string{key})
	if v < 0 {
		return ""
	}
	sv := ev.str(v)
	if !sv.literal {
		return ""
	}
	switch strings.ToLower(sv.text) {
	case "pg", "postgres", "postgresql", "pg-native", "cockroachdb", "aurora-postgres":
		return "postgres"
	case "mysql", "mysql2", "mariadb", "aurora-mysql":
		return "mysql"
	case "sqlite", "sqlite3", "better-sqlite3", "sqljs", "capacitor", "expo":
		return "sqlite"
	case "mssql", "tedious":
		return "sqlserver"
	case "mongodb":
		return "mongodb"
	}
	return ""
}

// serverOf is the server kind the catalog says the client talks to.
func serverOf(e *catalog.Entry) string {
	if e.Pool != nil && e.Pool.Server != "" {
		return e.Pool.Server
	}
	return ""
}

// prismaLimit: a PrismaClient's pool is set by connection_limit in its
// datasource URL (datasourceUrl, datasources, else the schema's
// env("DATABASE_URL") read from the env files), or by its driver adapter's
// pool.
func (r *resolver) prismaLimit(s *Site, ev *jsEval, e *catalog.Entry, opts int32, opaque bool, siteNodes map[int32]bool) {
	if opts >= 0 {
		if ad := ev.prop(opts, []string{"adapter"}); ad >= 0 {
			r.prismaAdapter(s, ev, ad, siteNodes)
			return
		}
	}
	pkgDir := nearestPackageDir(s.dir, r.wd)
	schema := r.prisma.forPackage(pkgDir)
	if schema != nil {
		s.Server = providerServer(schema.Provider)
	}
	var url strVal
	var where string
	hasURL := false
	if opts >= 0 {
		if v := ev.prop(opts, []string{"datasourceUrl"}); v >= 0 {
			url, hasURL = ev.str(v), true
			line, _ := ev.f.StartPos(v)
			where = "datasourceUrl at " + siteID(s.File, line)
		} else if ds := ev.object(ev.prop(opts, []string{"datasources"})); ds >= 0 {
			for _, c := range ev.f.NamedChildren(ds) {
				if ev.f.K(c) != jsts.KPair {
					continue
				}
				if o := ev.object(ev.f.Field(c, jsts.FValue)); o >= 0 {
					if v := ev.prop(o, []string{"url"}); v >= 0 {
						url, hasURL = ev.str(v), true
						line, _ := ev.f.StartPos(v)
						where = "datasources url at " + siteID(s.File, line)
					}
				}
			}
		}
	}
	if !hasURL && schema != nil {
		switch {
		case schema.Env != "":
			url, hasURL = strVal{env: schema.Env}, true
		case schema.URL != "":
			url, hasURL = strVal{text: schema.URL, literal: true}, true
		}
		where = "datasource url in " + siteID(schema.File, schema.Line)
		if schema.FromConfig {
			where = "datasource url in " + schema.File
		}
	}
	if hasURL {
		if !url.literal && !url.template && url.env == "" {
			s.Max = unknown(FromURL, "the datasource URL is "+url.reason+" ("+where+"): connection_limit may be set there")
			return
		}
		cf := r.fromConnString(url, where, "connection_limit", s.dir)
		s.Server = firstNonEmpty(s.Server, cf.server)
		s.Params, s.ApplicationName = cf.params, cf.app
		s.Notes = append(s.Notes, cf.notes...)
		if cf.limit != nil {
			s.Max = *cf.limit
			return
		}
	} else if schema == nil {
		s.Notes = append(s.Notes, "no schema.prisma with a datasource found for "+relTo(r.wd, pkgDir))
	}
	if opaque {
		s.Notes = append(s.Notes, "PrismaClient's options were not followed: a datasourceUrl there would decide")
	}
	if s.Server == "mongodb" {
		s.Max = known(100, FromDefault, "Prisma on MongoDB uses the MongoDB driver's pool: maxPoolSize default 100")
		return
	}
	s.Max = r.defaultLimit(e, "Prisma")
	s.Notes = append(s.Notes, "connection_limit is not set: Prisma's pool is num_physical_cpus*2+1 per client")
}

// prismaAdapters maps a driver adapter class to its pool: the option that
// sets the maximum, its default, the server, or none for HTTP drivers.
var prismaAdapters = map[string]struct {
	option, server string
	def            int
	none           bool
}{
	"PrismaPg": {"max", "postgres", 10, false}, "PrismaNeon": {"max", "postgres", 10, false},
	"PrismaMariaDb":  {"connectionLimit", "mysql", 10, false},
	"PrismaNeonHTTP": {none: true, server: "postgres"}, "PrismaPlanetScale": {none: true, server: "mysql"},
	"PrismaLibSQL": {none: true, server: "sqlite"}, "PrismaBetterSQLite3": {none: true, server: "sqlite"},
	"PrismaD1": {none: true, server: "sqlite"}, "PrismaBetterSqlite3": {none: true, server: "sqlite"},
}

// prismaAdapter: new PrismaClient({ adapter }) uses the adapter's pool:
// one handed to it (counted where it is built) or one it builds from its
// options.
func (r *resolver) prismaAdapter(s *Site, ev *jsEval, ad int32, siteNodes map[int32]bool) {
	f := ev.f
	n := f.Unwrap(ad)
	for i := 0; i < maxEvalDepth && n >= 0 && f.K(n) == jsts.KIdentifier; i++ {
		init, ok := ev.constInit(n)
		if !ok {
			break
		}
		n = f.Unwrap(init)
	}
	if n < 0 || f.K(n) != jsts.KNewExpression {
		s.Max = unknown(FromOption, "the driver adapter ("+shortText(f.Text(ad))+") was not followed")
		return
	}
	class := lastSegment(calleeName(f, n))
	info, ok := prismaAdapters[class]
	if !ok {
		s.Max = unknown(FromOption, "driver adapter "+class+" is not in the catalog")
		return
	}
	s.Server = info.server
	if info.none {
		s.Kind, s.Max = KindNone, known(0, FromConnection, class+" queries over HTTP: no server connection held")
		return
	}
	args := ev.args(n)
	if len(args) > 0 {
		a := f.Unwrap(args[0])
		if a >= 0 && f.K(a) == jsts.KIdentifier {
			if init, ok := ev.constInit(a); ok {
				a = f.Unwrap(init)
			}
		}
		if a >= 0 && siteNodes[a] {
			line, _ := f.StartPos(a)
			s.Kind, s.Max = KindWraps, known(0, FromWraps, fmt.Sprintf("%s is handed the pool built at %s, counted there", class, siteID(f.Rel, line)))
			return
		}
		if o := ev.object(args[0]); o >= 0 {
			if v := ev.prop(o, []string{info.option}); v >= 0 {
				line, _ := f.StartPos(v)
				s.Max = r.numberLimit(ev, v, class+" option "+info.option, siteID(f.Rel, line), s.dir)
				return
			}
			if cs, where, ok := connStringArg(ev, nil, o); ok {
				cf := r.fromConnString(cs, where, "", s.dir)
				s.Params, s.ApplicationName = cf.params, cf.app
			}
		} else {
			s.Max = unknown(FromOption, class+"'s argument ("+shortText(f.Text(args[0]))+") was not followed")
			return
		}
	}
	s.Max = known(info.def, FromDefault, fmt.Sprintf("%s builds a driver pool: default %s %d", class, info.option, info.def))
}

// calleeRoot is the identifier a callee starts with (pg in new pg.Pool),
// or -1.
func calleeRoot(f *jsts.File, n int32) int32 {
	var c int32
	if f.K(n) == jsts.KNewExpression {
		c = f.Field(n, jsts.FConstructor)
	} else {
		c = f.Field(n, jsts.FFunction)
	}
	for i := 0; i < maxEvalDepth; i++ {
		c = f.Unwrap(c)
		if c < 0 {
			return -1
		}
		switch f.K(c) {
		case jsts.KIdentifier:
			return c
		case jsts.KMemberExpression:
			c = f.Field(c, jsts.FObject)
		default:
			return -1
		}
	}
	return -1
}

// calleeName is the text of a new's constructor or a call's function.
func calleeName(f *jsts.File, n int32) string {
	var c int32
	if f.K(n) == jsts.KNewExpression {
		c = f.Field(n, jsts.FConstructor)
	} else {
		c = f.Field(n, jsts.FFunction)
	}
	c = f.Unwrap(c)
	if c < 0 {
		return ""
	}
	return strings.Join(strings.Fields(f.Text(c)), "")
}

func lastSegment(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// jsCall is the construction as written: "new Pool", "createPool()".
func jsCall(f *jsts.File, n int32) string {
	name := shortText(calleeName(f, n))
	if f.K(n) == jsts.KNewExpression {
		return "new " + name
	}
	return name + "()"
}

// jsLibrary is the module the constructor was imported from: the import
// of the callee's root name, else the catalog entry's first module.
func jsLibrary(f *jsts.File, js jsts.Site) string {
	if root := calleeRoot(f, js.Node); root >= 0 {
		if b := f.Lookup(root); b != nil {
			switch {
			case b.Kind == jsts.BImport && b.Import != nil:
				return b.Import.Spec
			case b.Kind == jsts.BVar && b.Init >= 0:
				if spec, ok := f.RequireSpec(f.Unwrap(b.Init)); ok {
					return spec
				}
			}
		}
	}
	if js.Via != "" {
		return js.Via + "()"
	}
	if len(js.Entry.Modules) > 0 {
		return js.Entry.Modules[0]
	}
	return js.Entry.Client
}
