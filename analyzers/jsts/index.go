package jsts

import "bytes"

// index is the one walk over a file: it records scopes and bindings and
// the lists of nodes the rules read (calls, news, functions, assignments,
// returns, imports, exports, comments). The nodes are in preorder, so the
// walk is a loop over the array with a stack of open scopes.
func (f *File) index() {
	n := int32(len(f.N))
	f.se = make([]int32, n)
	for i := int32(0); i < n; i++ {
		switch {
		case f.N[i].Next >= 0:
			f.se[i] = f.N[i].Next
		case f.N[i].Parent >= 0:
			f.se[i] = f.se[f.N[i].Parent]
		default:
			f.se[i] = n
		}
	}
	f.names = map[string]*Binding{}
	f.live = map[scopeName]*Binding{}
	f.Hashbang = bytes.HasPrefix(f.Src, []byte("#!"))
	stack := make([]int32, 0, 32)
	encl := make([]int32, n)
	funcs := make([]int32, 0, 32)
	for i := int32(0); i < n; i++ {
		for len(stack) > 0 && f.se[stack[len(stack)-1]] <= i {
			stack = stack[:len(stack)-1]
		}
		for len(funcs) > 0 && f.se[funcs[len(funcs)-1]] <= i {
			funcs = funcs[:len(funcs)-1]
		}
		encl[i] = -1
		if len(funcs) > 0 {
			encl[i] = funcs[len(funcs)-1]
		}
		k := f.N[i].Kind
		switch k {
		case KProgram, KStatementBlock, KForStatement, KForInStatement, KCatchClause, KSwitchBody, KClassBody:
			stack = append(stack, i)
		}
		switch k {
		case KComment:
			f.Comments = append(f.Comments, i)
		case KCallExpression:
			f.Calls = append(f.Calls, i)
			f.noteRequire(i)
		case KNewExpression:
			f.News = append(f.News, i)
		case KAssignmentExpression:
			f.Assigns = append(f.Assigns, i)
			f.noteUsing(i, stack)
		case KAugmentedAssignmentExpression:
			f.Assigns = append(f.Assigns, i)
		case KReturnStatement:
			f.Returns = append(f.Returns, i)
		case KImportStatement:
			f.noteImport(i)
		case KExportStatement:
			f.Exports = append(f.Exports, i)
			if src := f.Field(i, FSource); src >= 0 {
				if s, ok := f.StringValue(src); ok {
					f.Imports = append(f.Imports, &Import{Spec: s, Node: i})
				}
			}
		case KLexicalDeclaration, KVariableDeclaration:
			f.noteDeclaration(i, stack)
		case KFunctionDeclaration, KGeneratorFunctionDeclaration:
			if name := f.Field(i, FName); name >= 0 && len(stack) > 0 {
				f.declare(stack[len(stack)-1], Binding{Name: f.Text(name), Kind: BFunc, Const: true, Decl: name, Init: i})
			}
		case KClassDeclaration, KAbstractClassDeclaration:
			if name := f.Field(i, FName); name >= 0 && len(stack) > 0 {
				f.declare(stack[len(stack)-1], Binding{Name: f.Text(name), Kind: BClass, Const: true, Decl: name, Init: i})
			}
		case KFormalParameters:
			fn := f.N[i].Parent
			for c := f.firstChild(i); c >= 0; c = f.N[c].Next {
				switch f.N[c].Kind {
				case KRequiredParameter, KOptionalParameter:
					if p := f.Field(c, FPattern); p >= 0 {
						f.declarePattern(fn, p, BParam, false, -1, nil)
					}
				case KIdentifier, KObjectPattern, KArrayPattern, KAssignmentPattern, KRestPattern:
					f.declarePattern(fn, c, BParam, false, -1, nil)
				}
			}
		case KArrowFunction:
			// x => ...: a single parameter without parentheses.
			if p := f.Field(i, FParameter); p >= 0 {
				f.declarePattern(i, p, BParam, false, -1, nil)
			}
		case KCatchClause:
			if p := f.Field(i, FParameter); p >= 0 {
				f.declarePattern(i, p, BCatch, false, -1, nil)
			}
		case KForInStatement:
			// for (const x of xs): x belongs to the loop.
			if l := f.Field(i, FLeft); l >= 0 && f.N[l].Kind != KMemberExpression {
				if f.Field(i, FKind) >= 0 || f.ChildOfKind(i, TConst) >= 0 || f.ChildOfKind(i, TLet) >= 0 || f.ChildOfKind(i, TVar) >= 0 {
					f.declarePattern(i, l, BVar, false, -1, nil)
				}
			}
		case KExpressionStatement:
			if f.N[i].Parent == 0 && !f.UseServer {
				if e := f.firstNamed(i); e >= 0 && f.N[e].Kind == KString {
					if s, _ := f.StringValue(e); s == "use server" {
						f.UseServer = true
					}
				}
			}
		}
		if isFunc(k) {
			f.Funcs = append(f.Funcs, i)
			stack = append(stack, i)
			funcs = append(funcs, i)
		}
	}
	f.encl = encl
	f.live = nil
	f.resolveAll()
	f.noteCommonJSExports()
}

// declare adds b to the scope of node scopeNode: a second parameter of
// the same name is ignored, any other second declaration in the same
// scope replaces the first for lookups. The binding of a name in a scope
// is found by one map lookup: minified code declares the same few names
// in thousands of scopes.
func (f *File) declare(scopeNode int32, b Binding) {
	b.Scope = scopeNode
	head := f.names[b.Name]
	id := f.nameCount
	if head != nil {
		id = head.name
	} else {
		f.nameCount++
	}
	key := scopeName{scopeNode, id}
	if old := f.live[key]; old != nil {
		if b.Kind == BParam {
			return
		}
		old.dead = true
	}
	if len(f.arena) == cap(f.arena) {
		f.arena = make([]Binding, 0, min(max(2*cap(f.arena), 16), 256))
	}
	b.id, b.name = int32(len(f.Bindings)), id
	f.arena = append(f.arena, b)
	nb := &f.arena[len(f.arena)-1]
	nb.shadow = head
	f.names[b.Name] = nb
	f.live[key] = nb
	f.Bindings = append(f.Bindings, nb)
}

// declarePattern declares the names of a binding pattern; path is the
// property path from the initializer.
func (f *File) declarePattern(scopeNode, p int32, kind BindKind, isConst bool, init int32, path []string) {
	if p < 0 {
		return
	}
	switch f.N[p].Kind {
	case KIdentifier, KShorthandPropertyIdentifierPattern:
		f.declare(scopeNode, Binding{Name: f.Text(p), Kind: kind, Const: isConst, Decl: p, Init: init, Path: path})
	case KObjectPattern:
		for c := f.firstChild(p); c >= 0; c = f.N[c].Next {
			switch f.N[c].Kind {
			case KShorthandPropertyIdentifierPattern:
				f.declarePattern(scopeNode, c, kind, isConst, init, appendPath(path, f.Text(c)))
			case KPairPattern:
				key := f.Field(c, FKey)
				val := f.Field(c, FValue)
				name := ""
				if key >= 0 {
					name = f.Text(key)
					if s, ok := f.StringValue(key); ok {
						name = s
					}
				}
				f.declarePattern(scopeNode, val, kind, isConst, init, appendPath(path, name))
			case KObjectAssignmentPattern:
				l := f.Field(c, FLeft)
				if l >= 0 {
					f.declarePattern(scopeNode, l, kind, isConst, init, appendPath(path, f.Text(l)))
				}
			case KRestPattern:
				f.declarePattern(scopeNode, f.firstNamed(c), kind, isConst, -1, nil)
			}
		}
	case KArrayPattern:
		idx := 0
		for c := f.firstChild(p); c >= 0; c = f.N[c].Next {
			k := f.N[c].Kind
			if k == KComment || !named(k) {
				continue
			}
			f.declarePattern(scopeNode, c, kind, isConst, init, appendPath(path, "["+itoa(idx)+"]"))
			idx++
		}
	case KAssignmentPattern:
		f.declarePattern(scopeNode, f.Field(p, FLeft), kind, isConst, init, path)
	case KRestPattern:
		f.declarePattern(scopeNode, f.firstNamed(p), kind, isConst, -1, nil)
	case KRequiredParameter, KOptionalParameter:
		f.declarePattern(scopeNode, f.Field(p, FPattern), kind, isConst, init, path)
	}
}

func appendPath(path []string, s string) []string {
	out := make([]string, len(path)+1)
	copy(out, path)
	out[len(path)] = s
	return out
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// noteDeclaration declares the names of a let/const/var declaration.
func (f *File) noteDeclaration(i int32, stack []int32) {
	if len(stack) == 0 {
		return
	}
	isVar := f.ChildOfKind(i, TVar) >= 0 || f.N[i].Kind == KVariableDeclaration
	isConst := f.ChildOfKind(i, TConst) >= 0
	target := stack[len(stack)-1]
	if isVar {
		for j := len(stack) - 1; j >= 0; j-- {
			if k := f.N[stack[j]].Kind; k == KProgram || isFunc(k) {
				target = stack[j]
				break
			}
		}
	}
	for c := f.firstChild(i); c >= 0; c = f.N[c].Next {
		if f.N[c].Kind != KVariableDeclarator {
			continue
		}
		name := f.Field(c, FName)
		val := f.Field(c, FValue)
		f.declarePattern(target, name, BVar, isConst, val, nil)
	}
}

// noteUsing declares `using x = ...` and `await using x = ...`, which the
// typescript grammar of this version parses as an assignment whose first
// token is `using`, and the javascript grammar as the assignment
// `using = ...` with the name in an ERROR node.
func (f *File) noteUsing(i int32, stack []int32) {
	if len(stack) == 0 {
		return
	}
	p := f.N[i].Parent
	if p >= 0 && f.N[p].Kind == KAwaitExpression {
		p = f.N[p].Parent
	}
	if p < 0 || f.N[p].Kind != KExpressionStatement {
		return
	}
	right := f.Field(i, FRight)
	var name int32 = -1
	if first := f.firstChild(i); first >= 0 && f.N[first].Kind == TUsing {
		name = f.Field(i, FLeft)
	} else if l := f.Field(i, FLeft); l >= 0 && f.textIs(l, "using") {
		if e := f.ChildOfKind(i, KError); e >= 0 {
			if id := f.firstNamed(e); id >= 0 && f.N[id].Kind == KIdentifier {
				name = id
			}
		}
	}
	if name < 0 || f.N[name].Kind != KIdentifier {
		return
	}
	f.declare(stack[len(stack)-1], Binding{Name: f.Text(name), Kind: BVar, Const: true, Decl: name, Init: right, Using: true})
	if f.usingAt == nil {
		f.usingAt = map[int32]*Binding{}
	}
	f.usingAt[i] = f.Bindings[len(f.Bindings)-1]
}

// UsingBinding returns the binding declared by a using statement node
// (the assignment), or nil.
func (f *File) UsingBinding(assign int32) *Binding { return f.usingAt[assign] }

func (f *File) noteImport(i int32) {
	src := f.Field(i, FSource)
	if f.ChildOfKind(i, TType) >= 0 {
		return // import type: erased
	}
	if req := f.ChildOfKind(i, KImportRequireClause); req >= 0 {
		// import x = require('y')
		s := f.Field(req, FSource)
		spec, ok := f.StringValue(s)
		if !ok {
			return
		}
		im := &Import{Spec: spec, Node: i}
		f.Imports = append(f.Imports, im)
		if id := f.ChildOfKind(req, KIdentifier); id >= 0 {
			f.declare(0, Binding{Name: f.Text(id), Kind: BImport, Const: true, Decl: id, Init: -1, Import: im, ImportName: "*"})
		}
		return
	}
	spec, ok := f.StringValue(src)
	if !ok {
		return
	}
	im := &Import{Spec: spec, Node: i}
	f.Imports = append(f.Imports, im)
	clause := f.ChildOfKind(i, KImportClause)
	if clause < 0 {
		return
	}
	for c := f.firstChild(clause); c >= 0; c = f.N[c].Next {
		switch f.N[c].Kind {
		case KIdentifier:
			f.declare(0, Binding{Name: f.Text(c), Kind: BImport, Const: true, Decl: c, Init: -1, Import: im, ImportName: "default"})
		case KNamespaceImport:
			if id := f.ChildOfKind(c, KIdentifier); id >= 0 {
				f.declare(0, Binding{Name: f.Text(id), Kind: BImport, Const: true, Decl: id, Init: -1, Import: im, ImportName: "*"})
			}
		case KNamedImports:
			for s := f.firstChild(c); s >= 0; s = f.N[s].Next {
				if f.N[s].Kind != KImportSpecifier || f.ChildOfKind(s, TType) >= 0 {
					continue
				}
				name := f.Field(s, FName)
				alias := f.Field(s, FAlias)
				if name < 0 {
					continue
				}
				imported := f.Text(name)
				if v, ok := f.StringValue(name); ok {
					imported = v
				}
				local := name
				if alias >= 0 {
					local = alias
				}
				f.declare(0, Binding{Name: f.Text(local), Kind: BImport, Const: true, Decl: local, Init: -1, Import: im, ImportName: imported})
			}
		}
	}
}

// noteRequire records require('x') and import('x') calls as imports.
func (f *File) noteRequire(call int32) {
	if spec, ok := f.RequireSpec(call); ok {
		f.Imports = append(f.Imports, &Import{Spec: spec, Node: call})
	}
}

// RequireSpec returns the module of a require('x') or import('x') call.
func (f *File) RequireSpec(call int32) (string, bool) {
	if f.N[call].Kind != KCallExpression {
		return "", false
	}
	fn := f.Field(call, FFunction)
	if fn < 0 {
		return "", false
	}
	switch f.N[fn].Kind {
	case KImport:
	case KIdentifier:
		if !f.textIs(fn, "require") {
			return "", false
		}
		if b := f.Lookup(fn); b != nil {
			return "", false // a local function named require
		}
	default:
		return "", false
	}
	args := f.Field(call, FArguments)
	if args < 0 {
		return "", false
	}
	a := f.firstNamed(args)
	if a < 0 {
		return "", false
	}
	return f.StringValue(a)
}

// noteCommonJSExports records module.exports = ... and exports.x = ...
// assignments at module scope.
func (f *File) noteCommonJSExports() {
	for _, a := range f.Assigns {
		if f.N[a].Kind != KAssignmentExpression {
			continue
		}
		l := f.Field(a, FLeft)
		if l < 0 || f.N[l].Kind != KMemberExpression {
			continue
		}
		if f.isModuleExports(l) || f.isExportsMember(l) {
			f.Exports = append(f.Exports, a)
		}
	}
}

// isModuleExports: module.exports
func (f *File) isModuleExports(i int32) bool {
	i = f.Unwrap(i)
	if i < 0 || f.N[i].Kind != KMemberExpression {
		return false
	}
	o, p := f.Field(i, FObject), f.Field(i, FProperty)
	return o >= 0 && p >= 0 && f.N[o].Kind == KIdentifier && f.textIs(o, "module") && f.textIs(p, "exports")
}

// isExportsMember: exports.x or module.exports.x
func (f *File) isExportsMember(i int32) bool {
	if f.N[i].Kind != KMemberExpression {
		return false
	}
	o := f.Field(i, FObject)
	if o < 0 {
		return false
	}
	if f.N[o].Kind == KIdentifier && f.textIs(o, "exports") && f.Lookup(o) == nil {
		return true
	}
	return f.isModuleExports(o)
}

// Lookup resolves an identifier node to its binding, or nil for a global
// or an undeclared name: one array read once the file is indexed.
func (f *File) Lookup(id int32) *Binding {
	if f.resolved != nil && resolvable(f.N[id].Kind) {
		if r := f.resolved[id]; r > 0 {
			return f.Bindings[r-1]
		}
		return nil
	}
	return f.innermost(f.names[string(f.Src[f.N[id].Start:f.N[id].End])], id)
}

// innermost picks, from the bindings of one name, the one whose scope is
// the nearest ancestor of node at (at itself included): in preorder the
// nearest of the ancestors is the one with the largest index. A
// parameter default or a declaration's own name resolves like any use.
// It serves the lookups made during the walk (a local require) and of
// nodes that are not identifiers; the table answers all others.
func (f *File) innermost(b *Binding, at int32) *Binding {
	var best *Binding
	for ; b != nil; b = b.shadow {
		if !b.dead && b.Scope <= at && at < f.se[b.Scope] && (best == nil || b.Scope > best.Scope) {
			best = b
		}
	}
	return best
}

// References returns the identifier nodes that resolve to b (its
// declaration excluded), in preorder.
func (f *File) References(b *Binding) []int32 {
	var out []int32
	for _, i := range f.uses[f.useStart[b.id]:f.useStart[b.id+1]] {
		if i != b.Decl && !f.inType(i) {
			out = append(out, i)
		}
	}
	return out
}

// inType: the identifier is part of a type (typeof x in a type alias, an
// annotation), which erases at run time.
func (f *File) inType(i int32) bool {
	for p := f.N[i].Parent; p >= 0; p = f.N[p].Parent {
		switch f.N[p].Kind {
		case KTypeAnnotation, KTypeAliasDeclaration, KInterfaceDeclaration, KTypeArguments, KTypeQuery:
			return true
		case KStatementBlock, KExpressionStatement, KProgram, KCallExpression, KArguments:
			return false
		}
	}
	return false
}
