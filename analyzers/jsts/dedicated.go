package jsts

import "slices"

// Dedicated connections (RULES.md): a Redis connection that cannot be
// shared with the queue's or cache's client, so it is never told to
// import the singleton: a subscriber (a connection in subscribe mode
// serves nothing else), and BullMQ's blocking connections (a Worker's or
// QueueEvents' connection, which BullMQ requires to be built with
// `maxRetriesPerRequest: null`).

// dedicated reports a construction whose client is a dedicated
// connection.
func (a *analysis) dedicated(c *construction) bool {
	if c.entry.Client != "redis" {
		return false
	}
	f := a.f
	if a.blockingOptions(c.node) {
		return true
	}
	if a.blockingConsumerArg(c.node) || a.intoSubscriberClass(c.node) {
		return true
	}
	top := a.valueTop(c.node)
	p := f.N[top].Parent
	if p < 0 {
		return false
	}
	switch f.N[p].Kind {
	case KVariableDeclarator:
		if b := a.declaredAs(top); b != nil {
			return a.usedAsDedicated(b)
		}
	case KAssignmentExpression:
		if f.Field(p, FRight) != top {
			return false
		}
		l := f.Unwrap(f.Field(p, FLeft))
		if l < 0 {
			return false
		}
		switch f.N[l].Kind {
		case KIdentifier:
			if b := f.Lookup(l); b != nil {
				return a.usedAsDedicated(b)
			}
		case KMemberExpression:
			// this.sub = new Redis(); this.sub.subscribe(...)
			return a.memberUsedAsDedicated(f.Text(l))
		}
	}
	return false
}

// blockingOptions: an options object argument with
// `maxRetriesPerRequest: null`.
func (a *analysis) blockingOptions(call int32) bool {
	f := a.f
	args := f.Field(call, FArguments)
	if args < 0 {
		return false
	}
	for _, arg := range f.NamedChildren(args) {
		arg = f.Unwrap(arg)
		if arg < 0 || f.N[arg].Kind != KObject {
			continue
		}
		for c := f.firstChild(arg); c >= 0; c = f.N[c].Next {
			if f.N[c].Kind != KPair {
				continue
			}
			k, v := f.Field(c, FKey), f.Unwrap(f.Field(c, FValue))
			if k >= 0 && v >= 0 && f.textIs(k, "maxRetriesPerRequest") && f.N[v].Kind == KNull {
				return true
			}
		}
	}
	return false
}

// usedAsDedicated: the variable holding the client subscribes, or is the
// connection of a BullMQ Worker or QueueEvents.
func (a *analysis) usedAsDedicated(b *Binding) bool {
	f := a.f
	for _, r := range f.References(b) {
		t := f.UpParens(r)
		if m := f.N[t].Parent; m >= 0 && f.N[m].Kind == KMemberExpression && f.Field(m, FObject) == t {
			if pr := f.Field(m, FProperty); pr >= 0 && subscribeMethods[f.Text(pr)] {
				return true
			}
		}
		if a.blockingConsumerArg(r) {
			return true
		}
	}
	return false
}

// memberUsedAsDedicated: a call of a subscribe method on the member
// expression with this text (this.sub.subscribe(...)) in the file.
func (a *analysis) memberUsedAsDedicated(text string) bool {
	f := a.f
	for _, call := range f.Calls {
		fn := f.Unwrap(f.Field(call, FFunction))
		if fn < 0 || f.N[fn].Kind != KMemberExpression {
			continue
		}
		pr := f.Field(fn, FProperty)
		if pr < 0 || !subscribeMethods[f.Text(pr)] {
			continue
		}
		if o := f.Unwrap(f.Field(fn, FObject)); o >= 0 && f.Text(o) == text {
			return true
		}
	}
	return false
}

var subscribeMethods = map[string]bool{"subscribe": true, "psubscribe": true, "ssubscribe": true}

// blockingConsumerArg: the value at n is the `connection` of a BullMQ
// Worker or QueueEvents (new Worker(name, fn, { connection })).
func (a *analysis) blockingConsumerArg(n int32) bool {
	f := a.f
	x := f.UpParens(n)
	p := f.N[x].Parent
	if p < 0 {
		return false
	}
	var obj int32
	switch {
	case f.N[x].Kind == KShorthandPropertyIdentifier && f.textIs(x, "connection"):
		obj = p // { connection }
	case f.N[p].Kind == KPair:
		if k := f.Field(p, FKey); k < 0 || !f.textIs(k, "connection") {
			return false
		}
		obj = f.N[p].Parent
	default:
		return false
	}
	args := f.N[f.UpParens(obj)].Parent
	if obj < 0 || args < 0 || f.N[args].Kind != KArguments {
		return false
	}
	nw := f.N[args].Parent
	if f.N[nw].Kind != KNewExpression {
		return false
	}
	spec, path, ok := a.symRef(f.Field(nw, FConstructor), 0)
	if !ok || (spec != "bullmq" && spec != "bullmq-pro" && spec != "@taskforcesh/bullmq-pro") {
		return false
	}
	np := normPath(path)
	return len(np) == 1 && (np[0] == "Worker" || np[0] == "QueueEvents")
}

// intoSubscriberClass: the client is handed to the constructor of a class
// of this file that subscribes with the parameter it stores
// (new RedisSubscriber(new Redis()) with constructor(private client:
// Redis) and this.client.subscribe(...)).
func (a *analysis) intoSubscriberClass(n int32) bool {
	f := a.f
	x := f.UpParens(n)
	args := f.N[x].Parent
	if args < 0 || f.N[args].Kind != KArguments {
		return false
	}
	nw := f.N[args].Parent
	if f.N[nw].Kind != KNewExpression {
		return false
	}
	ctorRef := f.Unwrap(f.Field(nw, FConstructor))
	if ctorRef < 0 || f.N[ctorRef].Kind != KIdentifier {
		return false
	}
	b := f.Lookup(ctorRef)
	if b == nil || b.Kind != BClass {
		return false
	}
	ctor := a.classConstructor(b.Init)
	if ctor < 0 {
		return false
	}
	idx := slices.Index(f.NamedChildren(args), x)
	ps := f.Field(ctor, FParameters)
	if idx < 0 || ps < 0 {
		return false
	}
	params := f.NamedChildren(ps)
	if idx >= len(params) {
		return false
	}
	for _, pb := range a.patternBindings(params[idx]) {
		// a parameter property (private client: Redis) is this.client
		if a.memberUsedAsDedicated("this." + pb.Name) {
			return true
		}
		for _, r := range f.References(pb) {
			t := f.UpParens(r)
			as := f.N[t].Parent
			if as >= 0 && f.N[as].Kind == KAssignmentExpression && f.Field(as, FRight) == t {
				if l := f.Unwrap(f.Field(as, FLeft)); l >= 0 && f.N[l].Kind == KMemberExpression && a.memberUsedAsDedicated(f.Text(l)) {
					return true
				}
			}
		}
		if a.usedAsDedicated(pb) {
			return true
		}
	}
	return false
}
