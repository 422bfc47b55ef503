// Package cobra is a minimal hand-written stub in the shape of
// github.com/spf13/cobra for connlint's analysistest, not the library.
package cobra

import "context"

// Command is a command of a command-line program.
type Command struct {
	Use   string
	Short string

	PersistentPreRunE func(cmd *Command, args []string) error
	PreRunE           func(cmd *Command, args []string) error
	Run               func(cmd *Command, args []string)
	RunE              func(cmd *Command, args []string) error

	commands []*Command
}

// AddCommand adds sub-commands.
func (c *Command) AddCommand(cmds ...*Command) { c.commands = append(c.commands, cmds...) }

// Execute runs the command.
func (c *Command) Execute() error { return nil }

// Context returns the command's context.
func (c *Command) Context() context.Context { return context.Background() }

// Flags is a stand-in for the flag set.
func (c *Command) Flags() *FlagSet { return &FlagSet{} }

// FlagSet is a stand-in for pflag.FlagSet.
type FlagSet struct{}

// GetString returns a flag's value.
func (f *FlagSet) GetString(name string) (string, error) { return "", nil }
