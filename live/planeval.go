package live

import (
	"fmt"
	"strings"

	"github.com/connlint/connlint/live/engine"
	"github.com/connlint/connlint/live/plan"
)

// loadPlan reads --plan and applies the --plan-app matches.
func loadPlan(path string, matches []string) (*plan.Plan, error) {
	if path == "" {
		if len(matches) > 0 {
			return nil, fmt.Errorf("--plan-app needs --plan")
		}
		return nil, nil
	}
	p, err := plan.Load(path)
	if err != nil {
		return nil, err
	}
	for _, m := range matches {
		if err := p.SetMatch(m); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// planBudgets checks each application of the plan against its live
// connections: more than its pools allow is CRITICAL, naming the
// application (a second client or a leak). A --budget for the same name
// wins over the plan's.
func (r *Result) planBudgets(snap *engine.Snapshot, o Options) {
	if o.Plan == nil {
		return
	}
	flagged := map[string]bool{}
	for _, b := range o.Budgets {
		flagged[b.CheckName(snap.AppsAreUsers)] = true
	}
	for _, b := range o.Plan.Budgets(plan.Server(snap.Engine)) {
		byUser := b.ByUser || snap.AppsAreUsers
		kind, counts := "app", snap.ByApplication
		if byUser {
			kind, counts = "user", snap.ByUser
		}
		name := "budget:" + kind + ":" + strings.Join(b.Names, "+")
		if flagged[name] {
			continue
		}
		actual := 0
		for _, n := range b.Names {
			actual += counts[n]
		}
		who := fmt.Sprintf("application %s (%s %s)", b.App, map[bool]string{false: "application_name", true: "user"}[byUser], strings.Join(b.Names, ", "))
		if !b.Bounded {
			r.add(Check{Name: name, Status: OK, Message: fmt.Sprintf("%s holds %d connections; not compared: the plan gives it no bound (%s)", who, actual, b.Why)})
			continue
		}
		st := OK
		msg := fmt.Sprintf("%s holds %d connections, its pools allow %d (%s, from %s)", who, actual, b.Limit, b.Why, o.Plan.File)
		if actual > b.Limit {
			st = Critical
			msg = fmt.Sprintf("%s holds %d connections, more than the %d its pools allow (%s, from %s): a second client or a leak", who, actual, b.Limit, b.Why, o.Plan.File)
		}
		r.Budgets = append(r.Budgets, BudgetResult{App: strings.Join(b.Names, "+"), By: map[bool]string{false: "application", true: "user"}[byUser],
			Limit: b.Limit, Actual: actual, Status: st, Source: "plan", PlanApp: b.App})
		r.add(Check{Name: name, Status: st, Message: msg})
	}
}
