module example.com/shop/dbcheck

go 1.26.0
