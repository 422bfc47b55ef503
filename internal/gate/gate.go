package gate

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/connlint/connlint/analyzers/diag"
)

// Options are the CLI's gating flags.
type Options struct {
	WorkDir      string // findings' files are relative to it
	NewFromRev   string // --new-from-rev
	NewFromPatch string // --new-from-patch
	Baseline     string // --baseline
}

// Active reports whether any gate is asked for.
func (o Options) Active() bool {
	return o.NewFromRev != "" || o.NewFromPatch != "" || o.Baseline != ""
}

// Validate rejects gates that cannot run, before any checking is done:
// --new-from-rev and --new-from-patch both say what changed, so only one
// may be given, and the patch must be a unified diff.
func (o Options) Validate() error {
	if o.NewFromRev != "" && o.NewFromPatch != "" {
		return errors.New("--new-from-rev and --new-from-patch both say what changed: give one of them")
	}
	if o.NewFromPatch == "" {
		return nil
	}
	f, err := os.Open(o.NewFromPatch)
	if err != nil {
		return fmt.Errorf("--new-from-patch: %w", err)
	}
	defer f.Close()
	if _, err := ParsePatch(f); err != nil {
		return fmt.Errorf("--new-from-patch %s: %w", o.NewFromPatch, err)
	}
	return nil
}

// Apply drops from res the findings the options exclude: those on lines a
// change did not add or modify, and those the baseline records. Input
// errors are kept. known counts the findings the baseline matched.
func Apply(ctx context.Context, o Options, res diag.Result) (out diag.Result, known int, err error) {
	if !o.Active() {
		return res, 0, nil
	}
	findings := res.Findings
	if o.Baseline != "" {
		b, err := LoadBaseline(o.Baseline)
		if err != nil {
			return res, 0, err
		}
		findings, known = b.Filter(o.WorkDir, findings, Fingerprints(NewSources(o.WorkDir), findings))
	}
	for _, c := range []struct {
		on   bool
		load func() (*Changes, error)
	}{
		{o.NewFromRev != "", func() (*Changes, error) { return FromRev(ctx, o.WorkDir, o.NewFromRev) }},
		{o.NewFromPatch != "", func() (*Changes, error) { return FromPatchFile(ctx, o.WorkDir, o.NewFromPatch) }},
	} {
		if !c.on {
			continue
		}
		changes, err := c.load()
		if err != nil {
			return res, 0, err
		}
		findings = changes.Filter(o.WorkDir, findings)
	}
	if findings == nil {
		findings = []diag.Finding{}
	}
	res.Findings = findings
	return res, known, nil
}

// Describe says what the gates dropped, for stderr.
func Describe(o Options, before, after, known int) string {
	if !o.Active() || before == after {
		return ""
	}
	msg := fmt.Sprintf("%d of %d finding(s) not reported", before-after, before)
	if known > 0 {
		msg += fmt.Sprintf(" (%d in the baseline)", known)
	}
	return msg
}
