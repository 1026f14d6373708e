-- JIT compilation costs seconds per heavy model query on small and
-- medium data and gains nothing on these plans; new sessions of this
-- database start with it off (the embedded cluster also starts with it off).
do $$
begin
    execute format('alter database %I set jit = off', current_database());
end
$$;
