package store

import (
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// Catalog is the product catalog, through gorm.
type Catalog struct {
	gdb *gorm.DB
}

// OpenCatalog opens gorm's pool and bounds it through DB().
func OpenCatalog(dsn string) (*Catalog, error) {
	gdb, err := gorm.Open(postgres.Open(dsn), &gorm.Config{}) // pools: max=9 source=setter server=postgres
	if err != nil {
		return nil, err
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(9)
	return &Catalog{gdb: gdb}, nil
}
