-- Personal e-mails by first name --------------------------------------------

create schema if not exists ref;

-- Common French first names, unaccented and lower-cased (data/first_names_fr.csv,
-- loaded by migration 0012).
create table if not exists ref.first_names (
    prenom text primary key
);

comment on table ref.first_names is 'French first names given more than 500 times (INSEE, 1900-2018), unaccented, lower-case; see data/PROVENANCE.md.';
