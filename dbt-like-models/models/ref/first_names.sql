-- Common French first names (seed ref_first_names, INSEE): email_is_personal()
-- (sql/functions/contacts/email.sql) looks up the first word of a webmail
-- address's local part here, once per published e-mail, hence the index.
select distinct prenom
from {{ ref('ref_first_names') }}
where prenom is not null
