package redis

import (
	"context"
	"time"
)

// Cmdable is the command set shared by clients and pipelines (reduced to the
// commands listed here).
type Cmdable interface {
	Pipeline() Pipeliner
	Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error)
	TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error)
	TxPipeline() Pipeliner

	Ping(ctx context.Context) *StatusCmd
	Get(ctx context.Context, key string) *StringCmd
	Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd
	SetNX(ctx context.Context, key string, value interface{}, expiration time.Duration) *BoolCmd
	Del(ctx context.Context, keys ...string) *IntCmd
	Exists(ctx context.Context, keys ...string) *IntCmd
	Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd
	Incr(ctx context.Context, key string) *IntCmd
	HGet(ctx context.Context, key, field string) *StringCmd
	HSet(ctx context.Context, key string, values ...interface{}) *IntCmd
	LPush(ctx context.Context, key string, values ...interface{}) *IntCmd
	Publish(ctx context.Context, channel string, message interface{}) *IntCmd
	DBSize(ctx context.Context) *IntCmd
	Decr(ctx context.Context, key string) *IntCmd
	TTL(ctx context.Context, key string) *DurationCmd
	Keys(ctx context.Context, pattern string) *StringSliceCmd
	HGetAll(ctx context.Context, key string) *MapStringStringCmd
	RPush(ctx context.Context, key string, values ...interface{}) *IntCmd
	LRange(ctx context.Context, key string, start, stop int64) *StringSliceCmd
}

type cmdable func(ctx context.Context, cmd Cmder) error

// StatefulCmdable are the commands that change a connection's state.
type StatefulCmdable interface {
	Cmdable
	Auth(ctx context.Context, password string) *StatusCmd
	Select(ctx context.Context, index int) *StatusCmd
	ClientSetName(ctx context.Context, name string) *BoolCmd
}

type statefulCmdable func(ctx context.Context, cmd Cmder) error

func (c statefulCmdable) Auth(ctx context.Context, password string) *StatusCmd { return &StatusCmd{} }
func (c statefulCmdable) Select(ctx context.Context, index int) *StatusCmd     { return &StatusCmd{} }
func (c statefulCmdable) ClientSetName(ctx context.Context, name string) *BoolCmd {
	return &BoolCmd{}
}

func (c cmdable) Ping(ctx context.Context) *StatusCmd                    { return &StatusCmd{} }
func (c cmdable) Do(ctx context.Context, args ...interface{}) *Cmd       { return &Cmd{} }
func (c cmdable) Get(ctx context.Context, key string) *StringCmd         { return &StringCmd{} }
func (c cmdable) Del(ctx context.Context, keys ...string) *IntCmd        { return &IntCmd{} }
func (c cmdable) Exists(ctx context.Context, keys ...string) *IntCmd     { return &IntCmd{} }
func (c cmdable) Incr(ctx context.Context, key string) *IntCmd           { return &IntCmd{} }
func (c cmdable) HGet(ctx context.Context, key, field string) *StringCmd { return &StringCmd{} }

func (c cmdable) Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd {
	return &StatusCmd{}
}

func (c cmdable) SetNX(ctx context.Context, key string, value interface{}, expiration time.Duration) *BoolCmd {
	return &BoolCmd{}
}

func (c cmdable) Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd {
	return &BoolCmd{}
}

func (c cmdable) HSet(ctx context.Context, key string, values ...interface{}) *IntCmd {
	return &IntCmd{}
}

func (c cmdable) LPush(ctx context.Context, key string, values ...interface{}) *IntCmd {
	return &IntCmd{}
}

func (c cmdable) Publish(ctx context.Context, channel string, message interface{}) *IntCmd {
	return &IntCmd{}
}

func (c cmdable) DBSize(ctx context.Context) *IntCmd               { return &IntCmd{} }
func (c cmdable) Decr(ctx context.Context, key string) *IntCmd     { return &IntCmd{} }
func (c cmdable) TTL(ctx context.Context, key string) *DurationCmd { return &DurationCmd{} }
func (c cmdable) Keys(ctx context.Context, pattern string) *StringSliceCmd {
	return &StringSliceCmd{}
}

func (c cmdable) HGetAll(ctx context.Context, key string) *MapStringStringCmd {
	return &MapStringStringCmd{}
}

func (c cmdable) RPush(ctx context.Context, key string, values ...interface{}) *IntCmd {
	return &IntCmd{}
}

func (c cmdable) LRange(ctx context.Context, key string, start, stop int64) *StringSliceCmd {
	return &StringSliceCmd{}
}

// Cmder is one command and its reply.
type Cmder interface {
	Name() string
	FullName() string
	Args() []interface{}
	String() string
	Err() error
	SetErr(error)
}

type baseCmd struct {
	ctx  context.Context
	args []interface{}
	err  error
}

func (cmd *baseCmd) Name() string        { return "" }
func (cmd *baseCmd) FullName() string    { return "" }
func (cmd *baseCmd) Args() []interface{} { return cmd.args }
func (cmd *baseCmd) Err() error          { return cmd.err }
func (cmd *baseCmd) SetErr(e error)      { cmd.err = e }

type Cmd struct {
	baseCmd
	val interface{}
}

func (cmd *Cmd) Val() interface{}             { return cmd.val }
func (cmd *Cmd) Result() (interface{}, error) { return cmd.val, cmd.err }
func (cmd *Cmd) String() string               { return "" }
func (cmd *Cmd) Text() (string, error)        { return "", cmd.err }

type StatusCmd struct {
	baseCmd
	val string
}

func (cmd *StatusCmd) Val() string             { return cmd.val }
func (cmd *StatusCmd) Result() (string, error) { return cmd.val, cmd.err }
func (cmd *StatusCmd) String() string          { return cmd.val }

type IntCmd struct {
	baseCmd
	val int64
}

func (cmd *IntCmd) Val() int64             { return cmd.val }
func (cmd *IntCmd) Result() (int64, error) { return cmd.val, cmd.err }
func (cmd *IntCmd) String() string         { return "" }

type BoolCmd struct {
	baseCmd
	val bool
}

func (cmd *BoolCmd) Val() bool             { return cmd.val }
func (cmd *BoolCmd) Result() (bool, error) { return cmd.val, cmd.err }
func (cmd *BoolCmd) String() string        { return "" }

type StringCmd struct {
	baseCmd
	val string
}

func (cmd *StringCmd) Val() string                { return cmd.val }
func (cmd *StringCmd) Result() (string, error)    { return cmd.val, cmd.err }
func (cmd *StringCmd) Bytes() ([]byte, error)     { return []byte(cmd.val), cmd.err }
func (cmd *StringCmd) Int() (int, error)          { return 0, cmd.err }
func (cmd *StringCmd) Int64() (int64, error)      { return 0, cmd.err }
func (cmd *StringCmd) Scan(val interface{}) error { return cmd.err }
func (cmd *StringCmd) String() string             { return cmd.val }

type DurationCmd struct {
	baseCmd
	val time.Duration
}

func (cmd *DurationCmd) Val() time.Duration             { return cmd.val }
func (cmd *DurationCmd) Result() (time.Duration, error) { return cmd.val, cmd.err }
func (cmd *DurationCmd) String() string                 { return "" }

type StringSliceCmd struct {
	baseCmd
	val []string
}

func (cmd *StringSliceCmd) Val() []string             { return cmd.val }
func (cmd *StringSliceCmd) Result() ([]string, error) { return cmd.val, cmd.err }
func (cmd *StringSliceCmd) String() string            { return "" }

type MapStringStringCmd struct {
	baseCmd
	val map[string]string
}

func (cmd *MapStringStringCmd) Val() map[string]string             { return cmd.val }
func (cmd *MapStringStringCmd) Result() (map[string]string, error) { return cmd.val, cmd.err }
func (cmd *MapStringStringCmd) String() string                     { return "" }

// Pipeliner queues commands and sends them at once.
type Pipeliner interface {
	StatefulCmdable
	Len() int
	Do(ctx context.Context, args ...interface{}) *Cmd
	Process(ctx context.Context, cmd Cmder) error
	Discard()
	Exec(ctx context.Context) ([]Cmder, error)
}

// Pipeline implements Pipeliner.
type Pipeline struct {
	cmdable
	statefulCmdable
	cmds []Cmder
}

func (c *Pipeline) Len() int                                         { return len(c.cmds) }
func (c *Pipeline) Do(ctx context.Context, args ...interface{}) *Cmd { return &Cmd{} }
func (c *Pipeline) Process(ctx context.Context, cmd Cmder) error     { return nil }
func (c *Pipeline) Discard()                                         {}
func (c *Pipeline) Exec(ctx context.Context) ([]Cmder, error)        { return c.cmds, nil }
func (c *Pipeline) Pipeline() Pipeliner                              { return c }
func (c *Pipeline) TxPipeline() Pipeliner                            { return c }

func (c *Pipeline) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, fn(c)
}

func (c *Pipeline) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, fn(c)
}
