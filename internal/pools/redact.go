package pools

import "github.com/connlint/connlint/live/engine"

// redact masks any password that the texts of the plan might quote: a
// connection string written in the code and shown as the expression a
// value could not be read from. The plan is written to CI logs and
// pull request comments.
func (p *Plan) redact() {
	for _, s := range p.Sites {
		s.Max.Where, s.Max.Reason = engine.Redact(s.Max.Where), engine.Redact(s.Max.Reason)
		for i := range s.Notes {
			s.Notes[i] = engine.Redact(s.Notes[i])
		}
	}
	for _, a := range p.Apps {
		for _, am := range []map[string]*Amount{a.PerInstance, a.Total} {
			for _, x := range am {
				for i := range x.Reasons {
					x.Reasons[i] = engine.Redact(x.Reasons[i])
				}
			}
		}
	}
	for _, s := range p.Servers {
		for i := range s.Reasons {
			s.Reasons[i] = engine.Redact(s.Reasons[i])
		}
		for i := range s.Planned.Reasons {
			s.Planned.Reasons[i] = engine.Redact(s.Planned.Reasons[i])
		}
	}
	for i := range p.Findings {
		p.Findings[i].Message = engine.Redact(p.Findings[i].Message)
	}
	for i := range p.Errors {
		p.Errors[i] = engine.Redact(p.Errors[i])
	}
}
