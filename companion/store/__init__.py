"""The creator's SQLite database: opening, migrations, backups and one repository module per aggregate."""
