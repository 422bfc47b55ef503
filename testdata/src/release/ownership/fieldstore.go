package ownership

import (
	"context"
	"database/sql"
)

// ---- the acquisition stored straight into a field of a local struct ----

// The driver is built first and given its connection by a direct field
// store; a failed check drops the driver with the connection pinned.
func withInstanceDirect(ctx context.Context, instance *sql.DB) (*driver, error) { // want withInstanceDirect:"params - keeps"
	d := &driver{db: instance}
	var err error
	d.conn, err = instance.Conn(ctx) // want `d.conn \(\*sql.Conn\) from Conn is not closed on the path through the return at line 20`
	if err != nil {
		return nil, err
	}
	if err := d.ensureVersionTable(); err != nil {
		return nil, err
	}
	return d, nil
}

// The same with a struct value: the return that drops it leaks.
func withInstanceDirectValue(ctx context.Context, instance *sql.DB) (*driver, error) {
	var d driver
	var err error
	if d.conn, err = instance.Conn(ctx); err != nil { // want `d.conn \(\*sql.Conn\) from Conn is not closed on the path through the return at line 33`
		return nil, err
	}
	if err := d.ensureVersionTable(); err != nil {
		return nil, err
	}
	return &d, nil
}

// Closed through the field on the failure, handed on with the struct
// otherwise.
func withInstanceDirectClosed(ctx context.Context, instance *sql.DB) (*driver, error) { // want withInstanceDirectClosed:"params - keeps"
	d := &driver{db: instance}
	var err error
	d.conn, err = instance.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if err := d.ensureVersionTable(); err != nil {
		d.conn.Close()
		return nil, err
	}
	return d, nil
}

// The struct's own Close on the failure.
func withInstanceDirectStructClose(ctx context.Context, instance *sql.DB) (*driver, error) { // want withInstanceDirectStructClose:"params - keeps"
	d := &driver{db: instance}
	var err error
	if d.conn, err = instance.Conn(ctx); err != nil {
		return nil, err
	}
	if err := d.initOrClose(); err != nil {
		return nil, err
	}
	return d, nil
}

// A method storing into its receiver's field: the receiver outlives the
// call, so the connection is the receiver's to close.
func (d *driver) reconnect(ctx context.Context) error {
	var err error
	d.conn, err = d.db.Conn(ctx)
	if err != nil {
		return err
	}
	return d.ensureVersionTable()
}
