// Package noreturn tells which calls never return (panic, os.Exit,
// log.Fatal, t.FailNow, runtime.Goexit, and functions that always end in
// one of them), for the release analyzer's paths.
//
// It does what ctrlflow's no-return facts do, at a fraction of the cost:
// ctrlflow builds a control-flow graph for every function of every package
// a program depends on. Here the standard library's no-return functions are
// known by name, and in other packages a graph is built only for a function
// whose body calls panic or a no-return function as a statement: the only
// functions that can never return (a function with no such call and no
// infinite loop returns; infinite-loop servers are not what the rule is
// about).
package noreturn

import (
	"go/ast"
	"go/build"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// Fact marks a function that never returns. The analyzer that uses this
// package must list it in its FactTypes.
type Fact struct{}

// AFact implements analysis.Fact.
func (*Fact) AFact() {}

func (*Fact) String() string { return "noReturn" }

// Info answers no-return questions for one pass.
type Info struct {
	pass  *analysis.Pass
	decls map[*types.Func]*ast.FuncDecl
	state map[*types.Func]int8 // 0 unknown, 1 in progress, 2 returns, 3 never returns
}

// Compute prepares the answers for the pass's package and exports a Fact for
// each of its functions that never returns.
func Compute(pass *analysis.Pass) *Info {
	in := &Info{pass: pass, decls: map[*types.Func]*ast.FuncDecl{}, state: map[*types.Func]int8{}}
	if inGOROOT(pass) {
		return in // the standard library's no-return functions are known by name
	}
	var order []*types.Func
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				in.decls[fn] = fd
				order = append(order, fn)
			}
		}
	}
	for _, fn := range order {
		if in.never(fn) {
			pass.ExportObjectFact(fn, new(Fact))
		}
	}
	return in
}

func inGOROOT(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 || build.Default.GOROOT == "" {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	root := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	return strings.HasPrefix(name, root)
}

// MayReturn reports whether the call may return; it is the argument cfg.New
// wants.
func (in *Info) MayReturn(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := in.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return false
		}
	}
	fn, ok := typeutil.Callee(in.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return true
	}
	return !in.never(fn.Origin())
}

// never reports whether fn never returns.
func (in *Info) never(fn *types.Func) bool {
	if known(fn) {
		return true
	}
	if fd, ok := in.decls[fn]; ok {
		switch in.state[fn] {
		case 1, 2:
			return false // a cycle is taken to return
		case 3:
			return true
		}
		in.state[fn] = 1
		res := false
		if callsNoReturn(in, fd.Body) {
			res = cfg.New(fd.Body, in.MayReturn).NoReturn()
		}
		in.state[fn] = 2
		if res {
			in.state[fn] = 3
		}
		return res
	}
	if fn.Pkg() == nil || fn.Pkg() == in.pass.Pkg {
		return false
	}
	return in.pass.ImportObjectFact(fn, new(Fact))
}

// callsNoReturn reports whether body has a call statement to panic or to a
// function that never returns: without one the function surely returns.
func callsNoReturn(in *Info, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ExprStmt:
			if call, ok := n.X.(*ast.CallExpr); ok && !in.MayReturn(call) {
				found = true
			}
			return false
		}
		return true
	})
	return found
}

// Known reports whether fn is one of the well-known functions that never
// return (os.Exit, log.Fatal, panic's kin in logging packages, t.FailNow):
// for an analyzer without this package's facts.
func Known(fn *types.Func) bool { return known(fn) }

// known lists the functions that end the goroutine or the process whose
// bodies the analysis need not read.
func known(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	name := fn.Name()
	sig, _ := fn.Type().(*types.Signature)
	recv := ""
	if sig != nil && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			recv = n.Obj().Name()
		}
	}
	switch fn.Pkg().Path() {
	case "os", "syscall":
		return recv == "" && name == "Exit"
	case "runtime":
		return recv == "" && name == "Goexit"
	case "log":
		return (recv == "" || recv == "Logger") && (strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Panic"))
	case "testing":
		switch name {
		case "FailNow", "Fatal", "Fatalf", "Skip", "Skipf", "SkipNow":
			return true
		}
	case "log/slog":
		return false
	case "go.uber.org/zap":
		return (recv == "Logger" || recv == "SugaredLogger") &&
			(strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Panic"))
	case "github.com/sirupsen/logrus":
		return strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Panic") || (recv == "Logger" && name == "Exit") || (recv == "" && name == "Exit")
	case "k8s.io/klog", "k8s.io/klog/v2":
		return recv == "" && (strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Exit"))
	case "github.com/rs/zerolog/log":
		return false // log.Fatal() returns an event; Msg ends the process
	}
	return false
}
