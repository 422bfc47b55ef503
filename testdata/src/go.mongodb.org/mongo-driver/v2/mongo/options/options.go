// Package options is a hand-written stub in the shape of
// go.mongodb.org/mongo-driver/v2/mongo/options@v2.10.0 for connlint's
// analysistest, not the library.
//
// As in v2, ClientOptions is a plain struct with chained setters (Connect
// takes *ClientOptions), while the operation options are builders that
// implement Lister. Only a few options and setters are present.
package options

import "time"

// Lister is implemented by the options builders.
type Lister[T any] interface {
	List() []func(*T) error
}

// Credential holds authentication settings.
type Credential struct {
	AuthMechanism string
	AuthSource    string
	Username      string
	Password      string
	PasswordSet   bool
}

// ClientOptions configures a Client.
type ClientOptions struct {
	AppName        *string
	Auth           *Credential
	ConnectTimeout *time.Duration
	Hosts          []string
	MaxPoolSize    *uint64
	MinPoolSize    *uint64

	err error
	uri string
}

// Client returns an empty ClientOptions.
func Client() *ClientOptions { return &ClientOptions{} }

func (c *ClientOptions) ApplyURI(uri string) *ClientOptions     { c.uri = uri; return c }
func (c *ClientOptions) GetURI() string                         { return c.uri }
func (c *ClientOptions) Validate() error                        { return c.err }
func (c *ClientOptions) SetAppName(s string) *ClientOptions     { c.AppName = &s; return c }
func (c *ClientOptions) SetAuth(auth Credential) *ClientOptions { c.Auth = &auth; return c }
func (c *ClientOptions) SetConnectTimeout(d time.Duration) *ClientOptions {
	c.ConnectTimeout = &d
	return c
}
func (c *ClientOptions) SetMaxPoolSize(u uint64) *ClientOptions { c.MaxPoolSize = &u; return c }
func (c *ClientOptions) SetMinPoolSize(u uint64) *ClientOptions { c.MinPoolSize = &u; return c }

// FindOptions are the options of Collection.Find.
type FindOptions struct {
	Limit *int64
	Skip  *int64
	Sort  any
}

func (f *FindOptionsBuilder) SetLimit(i int64) *FindOptionsBuilder {
	f.Opts = append(f.Opts, func(o *FindOptions) error { o.Limit = &i; return nil })
	return f
}

func (f *FindOptionsBuilder) SetSkip(i int64) *FindOptionsBuilder {
	f.Opts = append(f.Opts, func(o *FindOptions) error { o.Skip = &i; return nil })
	return f
}

func (f *FindOptionsBuilder) SetSort(sort any) *FindOptionsBuilder {
	f.Opts = append(f.Opts, func(o *FindOptions) error { o.Sort = sort; return nil })
	return f
}

// FindOneOptions are the options of Collection.FindOne.
type FindOneOptions struct {
	Skip *int64
	Sort any
}

func (f *FindOneOptionsBuilder) SetSort(sort any) *FindOneOptionsBuilder {
	f.Opts = append(f.Opts, func(o *FindOneOptions) error { o.Sort = sort; return nil })
	return f
}

// UpdateOneOptions are the options of Collection.UpdateOne.
type UpdateOneOptions struct {
	Upsert *bool
}

func (u *UpdateOneOptionsBuilder) SetUpsert(b bool) *UpdateOneOptionsBuilder {
	u.Opts = append(u.Opts, func(o *UpdateOneOptions) error { o.Upsert = &b; return nil })
	return u
}

type InsertOneOptions struct{}
type DeleteOneOptions struct{}
type CountOptions struct{}
type AggregateOptions struct{}
type DatabaseOptions struct{}
type CollectionOptions struct{}
type ListDatabasesOptions struct{}
type SessionOptions struct{}
type TransactionOptions struct{}

// FindOptionsBuilder builds FindOptions.
type FindOptionsBuilder struct {
	Opts []func(*FindOptions) error
}

// Find returns an empty FindOptionsBuilder.
func Find() *FindOptionsBuilder { return &FindOptionsBuilder{} }

// List returns the setters of the builder.
func (b *FindOptionsBuilder) List() []func(*FindOptions) error { return b.Opts }

// FindOneOptionsBuilder builds FindOneOptions.
type FindOneOptionsBuilder struct {
	Opts []func(*FindOneOptions) error
}

// FindOne returns an empty FindOneOptionsBuilder.
func FindOne() *FindOneOptionsBuilder { return &FindOneOptionsBuilder{} }

// List returns the setters of the builder.
func (b *FindOneOptionsBuilder) List() []func(*FindOneOptions) error { return b.Opts }

// InsertOneOptionsBuilder builds InsertOneOptions.
type InsertOneOptionsBuilder struct {
	Opts []func(*InsertOneOptions) error
}

// InsertOne returns an empty InsertOneOptionsBuilder.
func InsertOne() *InsertOneOptionsBuilder { return &InsertOneOptionsBuilder{} }

// List returns the setters of the builder.
func (b *InsertOneOptionsBuilder) List() []func(*InsertOneOptions) error { return b.Opts }

// UpdateOneOptionsBuilder builds UpdateOneOptions.
type UpdateOneOptionsBuilder struct {
	Opts []func(*UpdateOneOptions) error
}

// UpdateOne returns an empty UpdateOneOptionsBuilder.
func UpdateOne() *UpdateOneOptionsBuilder { return &UpdateOneOptionsBuilder{} }

// List returns the setters of the builder.
func (b *UpdateOneOptionsBuilder) List() []func(*UpdateOneOptions) error { return b.Opts }

// DeleteOneOptionsBuilder builds DeleteOneOptions.
type DeleteOneOptionsBuilder struct {
	Opts []func(*DeleteOneOptions) error
}

// DeleteOne returns an empty DeleteOneOptionsBuilder.
func DeleteOne() *DeleteOneOptionsBuilder { return &DeleteOneOptionsBuilder{} }

// List returns the setters of the builder.
func (b *DeleteOneOptionsBuilder) List() []func(*DeleteOneOptions) error { return b.Opts }

// CountOptionsBuilder builds CountOptions.
type CountOptionsBuilder struct {
	Opts []func(*CountOptions) error
}

// Count returns an empty CountOptionsBuilder.
func Count() *CountOptionsBuilder { return &CountOptionsBuilder{} }

// List returns the setters of the builder.
func (b *CountOptionsBuilder) List() []func(*CountOptions) error { return b.Opts }

// AggregateOptionsBuilder builds AggregateOptions.
type AggregateOptionsBuilder struct {
	Opts []func(*AggregateOptions) error
}

// Aggregate returns an empty AggregateOptionsBuilder.
func Aggregate() *AggregateOptionsBuilder { return &AggregateOptionsBuilder{} }

// List returns the setters of the builder.
func (b *AggregateOptionsBuilder) List() []func(*AggregateOptions) error { return b.Opts }

// DatabaseOptionsBuilder builds DatabaseOptions.
type DatabaseOptionsBuilder struct {
	Opts []func(*DatabaseOptions) error
}

// Database returns an empty DatabaseOptionsBuilder.
func Database() *DatabaseOptionsBuilder { return &DatabaseOptionsBuilder{} }

// List returns the setters of the builder.
func (b *DatabaseOptionsBuilder) List() []func(*DatabaseOptions) error { return b.Opts }

// CollectionOptionsBuilder builds CollectionOptions.
type CollectionOptionsBuilder struct {
	Opts []func(*CollectionOptions) error
}

// Collection returns an empty CollectionOptionsBuilder.
func Collection() *CollectionOptionsBuilder { return &CollectionOptionsBuilder{} }

// List returns the setters of the builder.
func (b *CollectionOptionsBuilder) List() []func(*CollectionOptions) error { return b.Opts }

// ListDatabasesOptionsBuilder builds ListDatabasesOptions.
type ListDatabasesOptionsBuilder struct {
	Opts []func(*ListDatabasesOptions) error
}

// ListDatabases returns an empty ListDatabasesOptionsBuilder.
func ListDatabases() *ListDatabasesOptionsBuilder { return &ListDatabasesOptionsBuilder{} }

// List returns the setters of the builder.
func (b *ListDatabasesOptionsBuilder) List() []func(*ListDatabasesOptions) error { return b.Opts }

// SessionOptionsBuilder builds SessionOptions.
type SessionOptionsBuilder struct {
	Opts []func(*SessionOptions) error
}

// Session returns an empty SessionOptionsBuilder.
func Session() *SessionOptionsBuilder { return &SessionOptionsBuilder{} }

// List returns the setters of the builder.
func (b *SessionOptionsBuilder) List() []func(*SessionOptions) error { return b.Opts }

// TransactionOptionsBuilder builds TransactionOptions.
type TransactionOptionsBuilder struct {
	Opts []func(*TransactionOptions) error
}

// Transaction returns an empty TransactionOptionsBuilder.
func Transaction() *TransactionOptionsBuilder { return &TransactionOptionsBuilder{} }

// List returns the setters of the builder.
func (b *TransactionOptionsBuilder) List() []func(*TransactionOptions) error { return b.Opts }
