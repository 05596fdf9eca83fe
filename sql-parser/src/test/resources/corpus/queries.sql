-- Differential corpus: every query here must give, in fsql, the same Calcite tree as
-- Calcite 1.42's own parser builds (compared unparsed and with SqlNode.equalsDeep).
-- One query per statement, separated by semicolons.

-- ===================================================================== TPC-H
-- The 22 TPC-H queries, written from the specification with the validation parameters.

-- TPC-H Q1: pricing summary report
select
  l_returnflag,
  l_linestatus,
  sum(l_quantity) as sum_qty,
  sum(l_extendedprice) as sum_base_price,
  sum(l_extendedprice * (1 - l_discount)) as sum_disc_price,
  sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as sum_charge,
  avg(l_quantity) as avg_qty,
  avg(l_extendedprice) as avg_price,
  avg(l_discount) as avg_disc,
  count(*) as count_order
from
  lineitem
where
  l_shipdate <= date '1998-12-01' - interval '90' day (3)
group by
  l_returnflag,
  l_linestatus
order by
  l_returnflag,
  l_linestatus;

-- TPC-H Q2: minimum cost supplier
select
  s_acctbal, s_name, n_name, p_partkey, p_mfgr, s_address, s_phone, s_comment
from
  part, supplier, partsupp, nation, region
where
  p_partkey = ps_partkey
  and s_suppkey = ps_suppkey
  and p_size = 15
  and p_type like '%BRASS'
  and s_nationkey = n_nationkey
  and n_regionkey = r_regionkey
  and r_name = 'EUROPE'
  and ps_supplycost = (
    select min(ps_supplycost)
    from partsupp, supplier, nation, region
    where p_partkey = ps_partkey
      and s_suppkey = ps_suppkey
      and s_nationkey = n_nationkey
      and n_regionkey = r_regionkey
      and r_name = 'EUROPE')
order by
  s_acctbal desc, n_name, s_name, p_partkey
limit 100;

-- TPC-H Q3: shipping priority
select
  l_orderkey,
  sum(l_extendedprice * (1 - l_discount)) as revenue,
  o_orderdate,
  o_shippriority
from
  customer, orders, lineitem
where
  c_mktsegment = 'BUILDING'
  and c_custkey = o_custkey
  and l_orderkey = o_orderkey
  and o_orderdate < date '1995-03-15'
  and l_shipdate > date '1995-03-15'
group by
  l_orderkey, o_orderdate, o_shippriority
order by
  revenue desc, o_orderdate
limit 10;

-- TPC-H Q4: order priority checking
select
  o_orderpriority,
  count(*) as order_count
from
  orders
where
  o_orderdate >= date '1993-07-01'
  and o_orderdate < date '1993-07-01' + interval '3' month
  and exists (
    select *
    from lineitem
    where l_orderkey = o_orderkey
      and l_commitdate < l_receiptdate)
group by
  o_orderpriority
order by
  o_orderpriority;

-- TPC-H Q5: local supplier volume
select
  n_name,
  sum(l_extendedprice * (1 - l_discount)) as revenue
from
  customer, orders, lineitem, supplier, nation, region
where
  c_custkey = o_custkey
  and l_orderkey = o_orderkey
  and l_suppkey = s_suppkey
  and c_nationkey = s_nationkey
  and s_nationkey = n_nationkey
  and n_regionkey = r_regionkey
  and r_name = 'ASIA'
  and o_orderdate >= date '1994-01-01'
  and o_orderdate < date '1994-01-01' + interval '1' year
group by
  n_name
order by
  revenue desc;

-- TPC-H Q6: forecasting revenue change
select
  sum(l_extendedprice * l_discount) as revenue
from
  lineitem
where
  l_shipdate >= date '1994-01-01'
  and l_shipdate < date '1994-01-01' + interval '1' year
  and l_discount between 0.06 - 0.01 and 0.06 + 0.01
  and l_quantity < 24;

-- TPC-H Q7: volume shipping
select
  supp_nation, cust_nation, l_year, sum(volume) as revenue
from (
  select
    n1.n_name as supp_nation,
    n2.n_name as cust_nation,
    extract(year from l_shipdate) as l_year,
    l_extendedprice * (1 - l_discount) as volume
  from
    supplier, lineitem, orders, customer, nation n1, nation n2
  where
    s_suppkey = l_suppkey
    and o_orderkey = l_orderkey
    and c_custkey = o_custkey
    and s_nationkey = n1.n_nationkey
    and c_nationkey = n2.n_nationkey
    and ((n1.n_name = 'FRANCE' and n2.n_name = 'GERMANY')
      or (n1.n_name = 'GERMANY' and n2.n_name = 'FRANCE'))
    and l_shipdate between date '1995-01-01' and date '1996-12-31'
  ) as shipping
group by
  supp_nation, cust_nation, l_year
order by
  supp_nation, cust_nation, l_year;

-- TPC-H Q8: national market share
select
  o_year,
  sum(case when nation = 'BRAZIL' then volume else 0 end) / sum(volume) as mkt_share
from (
  select
    extract(year from o_orderdate) as o_year,
    l_extendedprice * (1 - l_discount) as volume,
    n2.n_name as nation
  from
    part, supplier, lineitem, orders, customer, nation n1, nation n2, region
  where
    p_partkey = l_partkey
    and s_suppkey = l_suppkey
    and l_orderkey = o_orderkey
    and o_custkey = c_custkey
    and c_nationkey = n1.n_nationkey
    and n1.n_regionkey = r_regionkey
    and r_name = 'AMERICA'
    and s_nationkey = n2.n_nationkey
    and o_orderdate between date '1995-01-01' and date '1996-12-31'
    and p_type = 'ECONOMY ANODIZED STEEL'
  ) as all_nations
group by
  o_year
order by
  o_year;

-- TPC-H Q9: product type profit measure
select
  nation, o_year, sum(amount) as sum_profit
from (
  select
    n_name as nation,
    extract(year from o_orderdate) as o_year,
    l_extendedprice * (1 - l_discount) - ps_supplycost * l_quantity as amount
  from
    part, supplier, lineitem, partsupp, orders, nation
  where
    s_suppkey = l_suppkey
    and ps_suppkey = l_suppkey
    and ps_partkey = l_partkey
    and p_partkey = l_partkey
    and o_orderkey = l_orderkey
    and s_nationkey = n_nationkey
    and p_name like '%green%'
  ) as profit
group by
  nation, o_year
order by
  nation, o_year desc;

-- TPC-H Q10: returned item reporting
select
  c_custkey, c_name,
  sum(l_extendedprice * (1 - l_discount)) as revenue,
  c_acctbal, n_name, c_address, c_phone, c_comment
from
  customer, orders, lineitem, nation
where
  c_custkey = o_custkey
  and l_orderkey = o_orderkey
  and o_orderdate >= date '1993-10-01'
  and o_orderdate < date '1993-10-01' + interval '3' month
  and l_returnflag = 'R'
  and c_nationkey = n_nationkey
group by
  c_custkey, c_name, c_acctbal, c_phone, n_name, c_address, c_comment
order by
  revenue desc
limit 20;

-- TPC-H Q11: important stock identification
select
  ps_partkey,
  sum(ps_supplycost * ps_availqty) as "value"
from
  partsupp, supplier, nation
where
  ps_suppkey = s_suppkey
  and s_nationkey = n_nationkey
  and n_name = 'GERMANY'
group by
  ps_partkey
having
  sum(ps_supplycost * ps_availqty) > (
    select sum(ps_supplycost * ps_availqty) * 0.0001000000
    from partsupp, supplier, nation
    where ps_suppkey = s_suppkey
      and s_nationkey = n_nationkey
      and n_name = 'GERMANY')
order by
  "value" desc;

-- TPC-H Q12: shipping modes and order priority
select
  l_shipmode,
  sum(case
    when o_orderpriority = '1-URGENT' or o_orderpriority = '2-HIGH' then 1
    else 0
  end) as high_line_count,
  sum(case
    when o_orderpriority <> '1-URGENT' and o_orderpriority <> '2-HIGH' then 1
    else 0
  end) as low_line_count
from
  orders, lineitem
where
  o_orderkey = l_orderkey
  and l_shipmode in ('MAIL', 'SHIP')
  and l_commitdate < l_receiptdate
  and l_shipdate < l_commitdate
  and l_receiptdate >= date '1994-01-01'
  and l_receiptdate < date '1994-01-01' + interval '1' year
group by
  l_shipmode
order by
  l_shipmode;

-- TPC-H Q13: customer distribution
select
  c_count, count(*) as custdist
from (
  select c_custkey, count(o_orderkey)
  from customer left outer join orders on
    c_custkey = o_custkey
    and o_comment not like '%special%requests%'
  group by c_custkey
  ) as c_orders (c_custkey, c_count)
group by
  c_count
order by
  custdist desc, c_count desc;

-- TPC-H Q14: promotion effect
select
  100.00 * sum(case
    when p_type like 'PROMO%' then l_extendedprice * (1 - l_discount)
    else 0
  end) / sum(l_extendedprice * (1 - l_discount)) as promo_revenue
from
  lineitem, part
where
  l_partkey = p_partkey
  and l_shipdate >= date '1995-09-01'
  and l_shipdate < date '1995-09-01' + interval '1' month;

-- TPC-H Q15: top supplier (the view written as a WITH item)
with revenue0 (supplier_no, total_revenue) as (
  select l_suppkey, sum(l_extendedprice * (1 - l_discount))
  from lineitem
  where l_shipdate >= date '1996-01-01'
    and l_shipdate < date '1996-01-01' + interval '3' month
  group by l_suppkey)
select
  s_suppkey, s_name, s_address, s_phone, total_revenue
from
  supplier, revenue0
where
  s_suppkey = supplier_no
  and total_revenue = (select max(total_revenue) from revenue0)
order by
  s_suppkey;

-- TPC-H Q16: parts/supplier relationship
select
  p_brand, p_type, p_size,
  count(distinct ps_suppkey) as supplier_cnt
from
  partsupp, part
where
  p_partkey = ps_partkey
  and p_brand <> 'Brand#45'
  and p_type not like 'MEDIUM POLISHED%'
  and p_size in (49, 14, 23, 45, 19, 3, 36, 9)
  and ps_suppkey not in (
    select s_suppkey
    from supplier
    where s_comment like '%Customer%Complaints%')
group by
  p_brand, p_type, p_size
order by
  supplier_cnt desc, p_brand, p_type, p_size;

-- TPC-H Q17: small-quantity-order revenue
select
  sum(l_extendedprice) / 7.0 as avg_yearly
from
  lineitem, part
where
  p_partkey = l_partkey
  and p_brand = 'Brand#23'
  and p_container = 'MED BOX'
  and l_quantity < (
    select 0.2 * avg(l_quantity)
    from lineitem
    where l_partkey = p_partkey);

-- TPC-H Q18: large volume customer
select
  c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice, sum(l_quantity)
from
  customer, orders, lineitem
where
  o_orderkey in (
    select l_orderkey
    from lineitem
    group by l_orderkey
    having sum(l_quantity) > 300)
  and c_custkey = o_custkey
  and o_orderkey = l_orderkey
group by
  c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice
order by
  o_totalprice desc, o_orderdate
limit 100;

-- TPC-H Q19: discounted revenue
select
  sum(l_extendedprice * (1 - l_discount)) as revenue
from
  lineitem, part
where
  (
    p_partkey = l_partkey
    and p_brand = 'Brand#12'
    and p_container in ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')
    and l_quantity >= 1 and l_quantity <= 1 + 10
    and p_size between 1 and 5
    and l_shipmode in ('AIR', 'AIR REG')
    and l_shipinstruct = 'DELIVER IN PERSON'
  )
  or
  (
    p_partkey = l_partkey
    and p_brand = 'Brand#23'
    and p_container in ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')
    and l_quantity >= 10 and l_quantity <= 10 + 10
    and p_size between 1 and 10
    and l_shipmode in ('AIR', 'AIR REG')
    and l_shipinstruct = 'DELIVER IN PERSON'
  )
  or
  (
    p_partkey = l_partkey
    and p_brand = 'Brand#34'
    and p_container in ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG')
    and l_quantity >= 20 and l_quantity <= 20 + 10
    and p_size between 1 and 15
    and l_shipmode in ('AIR', 'AIR REG')
    and l_shipinstruct = 'DELIVER IN PERSON'
  );

-- TPC-H Q20: potential part promotion
select
  s_name, s_address
from
  supplier, nation
where
  s_suppkey in (
    select ps_suppkey
    from partsupp
    where ps_partkey in (
        select p_partkey
        from part
        where p_name like 'forest%')
      and ps_availqty > (
        select 0.5 * sum(l_quantity)
        from lineitem
        where l_partkey = ps_partkey
          and l_suppkey = ps_suppkey
          and l_shipdate >= date '1994-01-01'
          and l_shipdate < date '1994-01-01' + interval '1' year))
  and s_nationkey = n_nationkey
  and n_name = 'CANADA'
order by
  s_name;

-- TPC-H Q21: suppliers who kept orders waiting
select
  s_name, count(*) as numwait
from
  supplier, lineitem l1, orders, nation
where
  s_suppkey = l1.l_suppkey
  and o_orderkey = l1.l_orderkey
  and o_orderstatus = 'F'
  and l1.l_receiptdate > l1.l_commitdate
  and exists (
    select *
    from lineitem l2
    where l2.l_orderkey = l1.l_orderkey
      and l2.l_suppkey <> l1.l_suppkey)
  and not exists (
    select *
    from lineitem l3
    where l3.l_orderkey = l1.l_orderkey
      and l3.l_suppkey <> l1.l_suppkey
      and l3.l_receiptdate > l3.l_commitdate)
  and s_nationkey = n_nationkey
  and n_name = 'SAUDI ARABIA'
group by
  s_name
order by
  numwait desc, s_name
limit 100;

-- TPC-H Q22: global sales opportunity
select
  cntrycode, count(*) as numcust, sum(c_acctbal) as totacctbal
from (
  select
    substring(c_phone from 1 for 2) as cntrycode,
    c_acctbal
  from
    customer
  where
    substring(c_phone from 1 for 2) in ('13', '31', '23', '29', '30', '18', '17')
    and c_acctbal > (
      select avg(c_acctbal)
      from customer
      where c_acctbal > 0.00
        and substring(c_phone from 1 for 2) in ('13', '31', '23', '29', '30', '18', '17'))
    and not exists (
      select *
      from orders
      where o_custkey = c_custkey)
  ) as custsale
group by
  cntrycode
order by
  cntrycode;

-- ===================================================================== SELECT basics
select 1;
select * from t;
select t.* from t;
select s.t.*, a.b.c from s.t;
select a, b as bb, c cc from t;
select distinct a, b from t;
select all a from t;
select "MixedCase", "with space", "quote""inside", UPPERCASE, lowercase from "T";
select a from t where a > 1;
select a from catalog1.schema1.table1 as x;
select count(*), count(1), count(all a), count(distinct a, b) from t;

-- ===================================================================== literals
select 0, 42, -42, +42, 3.14, -3.14, .5, 5., 1e3, 1.5E-3, -2e+10 from t;
select 'text', 'it''s', '' from t;
select true, false, null, unknown from t;
select date '2026-01-01', time '12:34:56', timestamp '2026-01-01 00:00:00' from t;
select timestamp '2026-01-01 00:00:00.123' from t;
select interval '1' day, interval '2' hour, interval '30' minute, interval '45' second from t;
select interval '1' year, interval '3' month, interval '2' quarter, interval '1' week from t;
select interval '1-2' year to month, interval '1 02' day to hour, interval '1 02:03' day to minute from t;
select interval '1 02:03:04.5' day to second, interval '02:03' hour to minute, interval '02:03:04' hour to second from t;
select interval '03:04' minute to second, interval '10' second (2, 3), interval '100' day (3) from t;
select interval -'1' day, interval +'2' hour, - interval '1' day from t;
select interval 3 day, interval 5 minute, interval x hour, interval (x + 1) day from t;
select ? from t where a = ? and b between ? and ?;

-- ===================================================================== operators and precedence
select a - b - c, a / b * c, a - (b - c), a * (b + c) from t;
select a + b * c, (a + b) * c, -a * b, - (a * b), -(-a) from t;
select a || b || c, a || b * c, a + b || c from t;
select a from t where not a = b;
select a from t where not a and b or c;
select a from t where a or b and c;
select a from t where (a or b) and c;
select a from t where a = b and c <> d and e < f and g <= h and i > j and k >= l;
select a from t where a < b between c and d;
select a from t where a between b and c and d;
select a from t where a not between b and c;
select a from t where a between symmetric b and c;
select a from t where a not between asymmetric b and c;
select a from t where a + 1 between b - 1 and c * 2;
select a from t where a = b is null;
select a from t where a is null or b is not null;
select a from t where a is true and b is not true and c is false and d is not false;
select a from t where a is unknown or b is not unknown;
select a from t where a is distinct from b or c is not distinct from d;
select a from t where not a is null;
select a from t where a = b = c;
select a from t where a like 'x%' and b not like '%y' and c like 'z\%' escape '\';
select a from t where a similar to 'x' and b not similar to 'y' escape '!';
select a from t where a like b || '%';
select a from t where a in (1, 2, 3);
select a from t where a not in ('x', 'y');
select a from t where a in (1);
select a from t where (a, b) in ((1, 2), (3, 4));
select a from t where a in (select b from u);
select a from t where a not in (select b from u where u.c = t.c);
select a from t where a = some (select b from u);
select a from t where a > any (select b from u);
select a from t where a <= all (select b from u);
select a from t where exists (select 1 from u where u.a = t.a);
select a from t where not exists (select 1 from u);
select (select max(b) from u) as m, a from t;
select a from t where a = (select max(b) from u);
select a from t where a > 1 and (select count(*) from u) > 0;

-- ===================================================================== CASE, CAST and built-in functions
select case when a > 0 then 'pos' when a < 0 then 'neg' else 'zero' end from t;
select case a when 1 then 'one' when 2 then 'two' end from t;
select case a when 1, 2 then 'low' else 'high' end from t;
select case when a is null then 0 else a end from t;
select cast(a as integer), cast(b as int), cast(c as bigint), cast(d as smallint), cast(e as tinyint) from t;
select cast(a as decimal), cast(b as decimal(10)), cast(c as decimal(12, 2)), cast(d as numeric(5, 1)) from t;
select cast(a as varchar), cast(b as varchar(100)), cast(c as char(3)), cast(d as character varying(5)) from t;
select cast(a as double), cast(b as double precision), cast(c as real), cast(d as float) from t;
select cast(a as boolean), cast(b as date), cast(c as time), cast(d as timestamp), cast(e as timestamp(6)) from t;
select cast(a as varbinary(4)), cast(b as binary(2)), cast(c as time(3)) from t;
select cast('1' as interval day), cast(x as interval year to month) from t;
select extract(year from d), extract(month from d), extract(day from d), extract(hour from ts) from t;
select extract(minute from ts), extract(second from ts), extract(week from d), extract(quarter from d) from t;
select extract(dow from d), extract(doy from d), extract(epoch from ts), extract(millisecond from ts) from t;
select substring(s from 2), substring(s from 2 for 3), substring(s, 2), substring(s, 2, 3) from t;
select trim(s), trim(both from s), trim(leading 'x' from s), trim(trailing from s), trim('y' from s) from t;
select position('a' in s), position('b' in s from 3) from t;
select overlay(s placing 'xy' from 2), overlay(s placing 'z' from 1 for 2) from t;
select floor(x), ceil(x), ceiling(x), floor(ts to day), ceil(ts to hour) from t;
select current_date, current_time, current_timestamp, localtime, localtimestamp from t;
select current_timestamp(3), localtimestamp(0) from t;
select coalesce(a, b, 0), nullif(a, b), abs(x), mod(a, 3), upper(s), lower(s), char_length(s) from t;
select left(s, 2), right(s, 3) from t;
select timestampadd(day, 1, ts), timestampdiff(hour, ts1, ts2) from t;
select f(), g(1), h(a, b, c), "MyFunc"(a), s.f(a) from t;
select f(name => 'x', other => 1), g(1, opt => true) from t;
select date(ts), timestamp('2020-01-01') from t;

-- ===================================================================== aggregates and GROUP BY
select a, sum(b), avg(c), min(d), max(e), count(*) from t group by a;
select a, b, count(*) from t group by a, b having count(*) > 1 and sum(c) < 100;
select count(distinct a), sum(distinct b), avg(all c) from t;
select sum(x) filter (where x > 0), count(*) filter (where y is not null) from t;
select a, count(*) from t group by grouping sets ((a), (a, b), ());
select a, b, count(*) from t group by rollup (a, b);
select a, b, count(*) from t group by cube (a, b);
select a, b, count(*) from t group by a, rollup (b, c), cube (d);
select count(*) from t group by ();
select a, grouping(a), count(*) from t group by grouping sets (a, ());
select a, b from t group by (a, b);
select a from t group by distinct a, b;
select a from t group by all a;
select percentile_cont(0.5) within group (order by x) from t;
select first_value(x) ignore nulls over (order by y) from t;
select last_value(x) respect nulls over (order by y) from t;

-- ===================================================================== window functions
select row_number() over (order by a) from t;
select rank() over (partition by a order by b desc) from t;
select sum(x) over (partition by a, b) from t;
select sum(x) over () from t;
select sum(x) over (order by y rows between unbounded preceding and current row) from t;
select sum(x) over (order by y rows between 2 preceding and 2 following) from t;
select sum(x) over (order by y rows unbounded preceding) from t;
select sum(x) over (order by y rows 3 preceding) from t;
select sum(x) over (order by y range between interval '7' day preceding and current row) from t;
select sum(x) over (order by y range between current row and unbounded following) from t;
select avg(x) over w, sum(x) over w from t window w as (partition by a order by b);
select avg(x) over (w rows 2 preceding) from t window w as (partition by a order by b);
select sum(x) over w1, sum(y) over w2 from t window w1 as (order by a), w2 as (w1 partition by b);
select lag(x, 1) over (partition by k order by ts), lead(x) over (order by ts) from t;
select count(*) filter (where x > 1) over (partition by k) from t;
select floor(x) over (order by y) from t;

-- ===================================================================== ORDER BY, LIMIT, OFFSET, FETCH
select a from t order by a;
select a from t order by a asc, b desc;
select a from t order by a nulls first, b desc nulls last, c asc nulls last;
select a from t order by 1, 2 desc;
select a from t limit 10;
select a from t limit 10 offset 20;
select a from t order by a limit 5 offset 1;
select a from t offset 10;
select a from t offset 10 rows;
select a from t offset 10 rows fetch first 5 rows only;
select a from t order by a offset 1 row fetch next 1 row only;
select a from t fetch first 3 rows only;
select a from t limit all;
select a from t order by a limit all;
select a from t limit ? offset ?;
select a from t order by a + b, upper(c);

-- ===================================================================== set operations
select a from t union select a from u;
select a from t union all select a from u;
select a from t union distinct select a from u;
select a from t intersect select a from u;
select a from t intersect all select a from u;
select a from t except select a from u;
select a from t except all select a from u;
select a from t union select a from u intersect select a from v;
select a from t union all select a from u except select a from v;
(select a from t) union (select a from u);
(select a from t union select a from u) intersect select a from v;
select a from t union select a from u order by a limit 3;
(select a from t order by a limit 1) union all (select a from u order by a limit 1);
select a from t where a in (select b from u union select c from v);

-- ===================================================================== WITH
with x as (select a from t) select * from x;
with x (c1, c2) as (select a, b from t) select c1 from x;
with x as (select 1 as a), y as (select a from x) select * from y;
with x as (select a from t) select * from x union all select * from x;
with x as (select a from t order by a limit 1) select * from x;
with x as (select a from t) select * from x order by a limit 2;
with recursive r (n) as (select 1 union all select n + 1 from r where n < 10) select n from r;
select * from (with x as (select 1 as a) select a from x) as s;

-- ===================================================================== VALUES and TABLE
values 1;
values (1);
values (1, 'a');
values (1, 'a'), (2, 'b'), (3, 'c');
values row(1, 2), row(3, 4);
values (1 + 2, cast(null as integer));
select * from (values (1, 2), (3, 4)) as v (x, y);
table t;
table s.t;
table t union all table u;

-- ===================================================================== FROM and joins
select * from t, u;
select * from t, u, v where t.a = u.a and u.b = v.b;
select * from t join u on t.a = u.a;
select * from t inner join u on t.a = u.a;
select * from t left join u on t.a = u.a;
select * from t left outer join u on t.a = u.a;
select * from t right join u on t.a = u.a;
select * from t right outer join u on t.a = u.a and t.b > u.b;
select * from t full join u on t.a = u.a;
select * from t full outer join u using (a);
select * from t join u using (a, b);
select * from t cross join u;
select * from t natural join u;
select * from t natural left join u;
select * from t a join u b on a.k = b.k join v c on b.k = c.k;
select * from t a join u b on a.k = b.k, v c;
select * from (t join u on t.a = u.a);
select * from (t join u on t.a = u.a) join v on v.b = u.b;
select * from t join (u join v on u.a = v.a) on t.a = u.a;
select * from (select a from t) as s;
select * from (select a from t) s;
select * from (select a from t) as s (x);
select * from t as x (a, b, c);
select * from lateral (select 1) as l;
select * from t, lateral (select * from u where u.a = t.a) as l;
select * from unnest(array_col) as u (x);
select * from t, unnest(t.arr) with ordinality as u (x, i);
select * from read_csv('data.csv');
select * from read_csv('data.csv', header => true, delimiter => ';') as c;
select * from read_parquet('s3://bucket/file.parquet') p where p.x > 1;
select * from table(read_csv('data.csv'));
select * from table(read_csv('data.csv', header => true)) as c;
select * from t join read_csv('x.csv') as c on t.a = c.a;
select * from lateral table(ramp(3)) as r;

-- ===================================================================== ASOF joins
select * from labels s asof join transactions t match_condition s.ts >= t.ts on s.cc_num = t.cc_num;
select * from labels s asof join transactions t match_condition (s.ts >= t.ts) on s.cc_num = t.cc_num;
select * from labels s left asof join transactions t match_condition s.ts > t.ts on s.k = t.k and s.j = t.j;
select s.k, t.v, u.w from labels s asof join t match_condition s.ts >= t.ts on s.k = t.k left asof join u match_condition s.ts >= u.ts on s.k = u.k;

-- ===================================================================== identifiers and keywords used as names
select version, online, event, feature, split, format from t;
select "select", "from" from "where";
select seed, random, since, until, changes, spine, staleness, properties from t;
select views, datasets, comment, key, training, dataset, view from t;
select t.version from t where t."commit" = 'x' order by version;
select a as version from t as split;

-- ===================================================================== a few realistic feature queries
select cc_num, avg(amount) over (partition by cc_num order by ts range between interval '7' day preceding and current row) as avg_7d from transactions;
select cc_num, count(*) as n, max(ts) as last_ts from transactions where ts >= timestamp '2026-01-01 00:00:00' and ts < timestamp '2026-02-01 00:00:00' group by cc_num having count(*) >= 3 order by n desc limit 100;
select t.cc_num, t.amount, coalesce(p.avg_amount, 0.0) as avg_amount from transactions t left join profiles p on t.cc_num = p.cc_num where t.category in ('grocery', 'travel');
select cc_num, sum(case when category = 'travel' then amount else 0 end) / nullif(sum(amount), 0) as travel_share from transactions group by cc_num;
select amount from transactions where cc_num = ?
