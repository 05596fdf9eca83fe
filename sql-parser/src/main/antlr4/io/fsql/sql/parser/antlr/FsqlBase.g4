/*
 * The fsql SQL dialect.
 *
 * Keywords are written in upper case: the lexer reads through a case-insensitive
 * character stream (LA() upper-cases, getText() returns the original text).
 *
 * Expressions are parsed as a flat sequence of terms and operators (like Calcite's
 * JavaCC parser does) and the AstBuilder folds the sequence into a tree with
 * Calcite's operator precedences, so that the trees are exactly Calcite's.
 */
grammar FsqlBase;

// ---------------------------------------------------------------- entry points

singleStatement
    : statement SEMICOLON? EOF
    ;

standaloneQuery
    : query SEMICOLON? EOF
    ;

standaloneExpression
    : expression EOF
    ;

standaloneExpectationRule
    : expectationRule EOF
    ;

// ---------------------------------------------------------------- statements

statement
    : query                                                                  #queryStatement
    | EXPLAIN (PLAN FOR)? statement                                          #explain
    | INSERT INTO objectName columnList? query                               #insert
    | CREATE FEATURE GROUP (IF NOT EXISTS)? objectName
        '(' tableElement (',' tableElement)* ')'
        featureGroupClause*                                                  #createFeatureGroup
    | ALTER FEATURE GROUP objectName SET (properties | COMMENT string)       #alterFeatureGroup
    | ALTER FEATURE GROUP objectName SET (ONLINE | OFFLINE)                  #alterFeatureGroupOnline
    | ALTER FEATURE GROUP objectName ADD COLUMN columnSpec                   #addColumn
    | ALTER FEATURE GROUP objectName DROP COLUMN identifier                  #dropColumn
    | ALTER FEATURE GROUP objectName ADD expectationDefinition               #addExpectation
    | ALTER FEATURE GROUP objectName DROP EXPECTATION identifier             #dropExpectation
    | ALTER FEATURE GROUP objectName ALTER COLUMN identifier
        (SET DATA TYPE dataType | SET COMMENT string)                        #alterColumn
    | ALTER FEATURE GROUP objectName ALTER COLUMN identifier
        (SET | UNSET) TAGS tagList                                           #alterColumnTags
    | ALTER taggedKind objectName (SET | UNSET) TAGS tagList                 #alterTags
    | REFRESH ONLINE objectName                                              #refreshOnline
    | SET identifier EQ? setValue                                            #setOption
    | RESET identifier                                                       #resetOption
    | DROP FEATURE GROUP (IF EXISTS)? objectName CASCADE?                    #dropFeatureGroup
    | SHOW FEATURE GROUPS (LIKE string)?                                     #showFeatureGroups
    | SHOW COMMITS FOR objectName (LIMIT INTEGER_VALUE)?                     #showCommits
    | SHOW EXPECTATIONS FOR objectName                                       #showExpectations
    | SHOW VALIDATIONS FOR objectName (LIMIT INTEGER_VALUE)?                 #showValidations
    | SHOW FEATURES (LIKE string)? (WHERE TAG tag)?                          #showFeatures
    | SHOW LINEAGE FOR describeKind? objectName                              #showLineage
    | SHOW DEPENDENTS OF objectName                                          #showDependents
    | (DESCRIBE | DESC) describeKind? objectName                             #describe
    | CREATE FEATURE VIEW (IF NOT EXISTS)? objectName
        (COMMENT string)? (WITH LOGGING properties?)? AS query               #createFeatureView
    | DROP FEATURE VIEW (IF EXISTS)? objectName                              #dropFeatureView
    | SHOW FEATURE VIEWS (LIKE string)?                                      #showFeatureViews
    | CREATE TRAINING DATASET (IF NOT EXISTS)? objectName (COMMENT string)?
        (AS query | FROM datasetSource) datasetClause*                       #createTrainingDataset
    | DROP TRAINING DATASET (IF EXISTS)? objectName                          #dropTrainingDataset
    | RECREATE TRAINING DATASET objectName                                   #recreateTrainingDataset
    | SHOW TRAINING DATASETS (LIKE string)?                                  #showTrainingDatasets
    | ANALYZE FEATURE GROUP objectName                                       #analyzeFeatureGroup
    | SHOW STATISTICS FOR describeKind? objectName
        (SPLIT identifier)? (AS OF COMMIT string)?                            #showStatistics
    | SHOW DRIFT FOR datasetSource AGAINST driftCurrent (WITH properties)?   #showDrift
    | ALTER FEATURE VIEW objectName SET LOGGING properties?                  #setViewLogging
    | ALTER FEATURE VIEW objectName UNSET LOGGING                            #unsetViewLogging
    ;

driftCurrent
    : SERVED objectName (SINCE TIMESTAMP? string)?                           #servedDriftSide
    | datasetSource                                                          #relationDriftSide
    ;

setValue
    : identifier
    | string
    | booleanValue
    | number
    | ON
    ;

taggedKind
    : FEATURE GROUP
    | FEATURE VIEW
    | TRAINING DATASET
    ;

tagList
    : '(' tag (',' tag)* ')'
    ;

tag
    : identifier (EQ string)?
    ;

describeKind
    : FEATURE GROUP
    | FEATURE VIEW
    | TRAINING DATASET
    ;

objectName
    : identifier versionClause?
    ;

versionClause
    : VERSION MINUS? INTEGER_VALUE
    ;

columnList
    : '(' identifier (',' identifier)* ')'
    ;

columnSpec
    : identifier dataType (NOT? NULL)? (COMMENT string)? (TAGS tagList)?
    ;

tableElement
    : columnSpec                                                             #columnDefinition
    | (CONSTRAINT identifier)? CHECK '(' expression ')' violationPolicy?     #checkConstraint
    | expectationDefinition                                                  #expectationElement
    ;

// Data validation rules (see docs/sql-reference.md, "Expectations").
expectationDefinition
    : EXPECTATION identifier expectationRule violationPolicy?
    ;

expectationRule
    : CHECK '(' expression ')'                                               #checkRule
    | identifier NOT NULL                                                    #notNullRule
    | identifier IN '(' expression (',' expression)* ')'                     #allowedValuesRule
    | identifier BETWEEN low=term AND high=term                              #rangeRule
    | identifier LIKE string                                                 #likeRule
    | identifier MATCHES string                                              #matchesRule
    | ROW COUNT ruleBound                                                    #rowCountRule
    | NULL FRACTION '(' identifier ')' ruleBound                             #nullFractionRule
    | DISTINCT COUNT '(' identifier ')' ruleBound                            #distinctCountRule
    | statistic=(MEAN | MIN | MAX | STDDEV) '(' identifier ')' ruleBound     #statisticRule
    | UNIQUE '(' identifier ')'                                              #uniqueRule
    ;

ruleBound
    : BETWEEN low=signedNumber AND high=signedNumber
    | comparisonOperator signedNumber
    ;

signedNumber
    : (PLUS | MINUS)? number
    ;

violationPolicy
    : ON VIOLATION (REJECT | WARN | DROP)
    ;

featureGroupClause
    : PRIMARY KEY '(' identifier (',' identifier)* ')'                       #primaryKeyClause
    | EVENT TIME identifier                                                  #eventTimeClause
    | ONLINE                                                                 #onlineClause
    | COMMENT string                                                         #commentClause
    | WITH TAGS tagList                                                      #tagsClause
    | WITH properties                                                        #propertiesClause
    ;

properties
    : '(' property (',' property)* ')'
    ;

property
    : propertyKey EQ propertyValue
    ;

propertyKey
    : identifier ('.' identifier)*
    | string
    ;

propertyValue
    : (PLUS | MINUS)? number
    | string
    | booleanValue
    | interval
    ;

datasetSource
    : qualifiedName versionClause? tableDecoration*
    ;

datasetClause
    : SPLIT RANDOM '(' splitFraction (',' splitFraction)* ')' (SEED INTEGER_VALUE)?   #randomSplitClause
    | SPLIT BY TIME ON identifier '(' timeRange (',' timeRange)* ')'                  #timeSplitClause
    | FORMAT identifier                                                                #formatClause
    ;

splitFraction
    : identifier number
    ;

timeRange
    : identifier FROM expression TO expression
    ;

// ---------------------------------------------------------------- types

dataType
    : DOUBLE PRECISION                                                       #doublePrecisionType
    | (CHARACTER | CHAR) VARYING typeParameters?                             #varyingCharacterType
    | (TIMESTAMP | TIME) typeParameters? timeZoneSpec?                       #dateTimeType
    | identifier typeParameters?                                             #namedType
    ;

typeParameters
    : '(' typeParameter (',' typeParameter)* ')'
    ;

typeParameter
    : MINUS? INTEGER_VALUE
    ;

timeZoneSpec
    : WITH LOCAL? TIME ZONE
    | WITHOUT TIME ZONE
    ;

// ---------------------------------------------------------------- queries

query
    : withClause? queryTerm (setOperator queryTerm)* orderBy? limitClause?
    ;

withClause
    : WITH RECURSIVE? withItem (',' withItem)*
    ;

withItem
    : identifier columnList? AS '(' query ')'
    ;

setOperator
    : (UNION | INTERSECT | EXCEPT) (ALL | DISTINCT)?
    ;

queryTerm
    : querySpecification                                                     #querySpecificationTerm
    | VALUES rowConstructor (',' rowConstructor)*                            #valuesTerm
    | TABLE qualifiedName                                                    #explicitTableTerm
    | '(' query ')'                                                          #parenthesizedQueryTerm
    ;

rowConstructor
    : ROW? '(' rowElement (',' rowElement)* ')'
    | expression
    ;

rowElement
    : DEFAULT
    | expression
    ;

orderBy
    : ORDER BY sortItem (',' sortItem)*
    ;

sortItem
    : expression (ASC | DESC)? (NULLS (FIRST | LAST))?
    ;

limitClause
    : LIMIT limitValue (OFFSET limitValue (ROW | ROWS)?)?                    #limitOffset
    | OFFSET limitValue (ROW | ROWS)? fetchClause?                           #offsetFetch
    | fetchClause                                                            #fetchOnly
    ;

fetchClause
    : FETCH (FIRST | NEXT) limitValue (ROW | ROWS) ONLY
    ;

limitValue
    : number
    | '?'
    | ALL
    ;

querySpecification
    : SELECT setQuantifier? selectItem (',' selectItem)*
      (FROM fromClause
        (WHERE where=expression)?
        (GROUP BY groupBy)?
        (HAVING having=expression)?
        (WINDOW windowDefinition (',' windowDefinition)*)?
        (QUALIFY qualify=expression)?
      )?
    ;

setQuantifier
    : DISTINCT
    | ALL
    ;

selectItem
    : ASTERISK                                                               #selectAll
    | expression (AS? identifier)?                                           #selectSingle
    ;

fromClause
    : tableRef joinPart*
    ;

joinPart
    : ',' tableRef                                                           #commaJoin
    | NATURAL? joinType tableRef joinCriteria?                               #qualifiedJoin
    ;

joinType
    : INNER? JOIN
    | LEFT OUTER? JOIN
    | RIGHT OUTER? JOIN
    | FULL OUTER? JOIN
    | CROSS JOIN
    | ASOF JOIN
    | LEFT ASOF JOIN
    ;

joinCriteria
    : matchCondition? ON expression
    | USING '(' identifier (',' identifier)* ')'
    ;

matchCondition
    : MATCH_CONDITION expression (MAX STALENESS interval)?
    ;

tableRef
    : tablePrimary tableAlias?
    ;

tableAlias
    : AS? identifier columnList?
    ;

tablePrimary
    : qualifiedName '(' (functionArgument (',' functionArgument)*)? ')'     #implicitTableFunction
    | LATERAL? TABLE '(' qualifiedName
        '(' (functionArgument (',' functionArgument)*)? ')' ')'              #tableFunction
    | LATEST qualifiedName versionClause? tableDecoration*                   #latestTableName
    | qualifiedName versionClause? tableDecoration*                          #tableName
    | LATERAL? '(' query ')'                                                 #subqueryRelation
    | '(' joinedTable ')'                                                    #parenthesizedRelation
    | LATERAL? UNNEST '(' expression (',' expression)* ')' (WITH ORDINALITY)?   #unnest
    ;

joinedTable
    : tableRef joinPart*
    ;

tableDecoration
    : AS OF timeTravel                                                       #asOfDecoration
    | CHANGES SINCE timeTravel (UNTIL timeTravel)?                           #changesDecoration
    | FOR SPINE '(' query ')'                                                #spineDecoration
    | FOR EVENT TIME FROM expression TO expression                           #eventTimeDecoration
    | FOR KEYS '(' expression (',' expression)* ')'                          #keysDecoration
    | SPLIT identifier                                                       #splitDecoration
    ;

timeTravel
    : TIMESTAMP timeTravelValue
    | COMMIT (string | '?')
    ;

timeTravelValue
    : string
    | TIMESTAMP string
    | '?'
    ;

groupBy
    : (DISTINCT | ALL)? groupingElement (',' groupingElement)*
    ;

groupingElement
    : GROUPING SETS '(' groupingElement (',' groupingElement)* ')'           #groupingSets
    | ROLLUP '(' expression (',' expression)* ')'                            #rollup
    | CUBE '(' expression (',' expression)* ')'                              #cube
    | '(' ')'                                                                #emptyGroupingSet
    | expression                                                             #groupingExpression
    ;

windowDefinition
    : identifier AS windowSpecification
    ;

windowSpecification
    : '(' identifier?
        (PARTITION BY expression (',' expression)*)?
        (ORDER BY sortItem (',' sortItem)*)?
        windowFrame?
      ')'
    ;

windowFrame
    : (ROWS | RANGE) BETWEEN frameBound AND frameBound
    | (ROWS | RANGE) frameBound
    ;

frameBound
    : CURRENT ROW                                                            #currentRowBound
    | UNBOUNDED (PRECEDING | FOLLOWING)                                      #unboundedBound
    | expression (PRECEDING | FOLLOWING)                                     #boundedBound
    ;

// ---------------------------------------------------------------- expressions

// A flat sequence: the AstBuilder applies Calcite's precedences.
expression
    : term operatorTail*
    ;

term
    : prefixOperator* primaryExpression
    ;

prefixOperator
    : PLUS
    | MINUS
    | NOT
    | EXISTS
    ;

operatorTail
    : binaryOperator term                                                    #binaryTail
    | NOT? IN inValues                                                       #inTail
    | comparisonOperator (SOME | ANY | ALL) inValues                         #quantifiedTail
    | NOT? BETWEEN (SYMMETRIC | ASYMMETRIC)? term                            #betweenTail
    | NOT? (LIKE | SIMILAR TO) term                                          #likeTail
    | ESCAPE term                                                            #escapeTail
    | IS NOT? (NULL | TRUE | FALSE | UNKNOWN)                                #isTail
    ;

inValues
    : '(' query ')'
    | '(' expression (',' expression)* ')'
    ;

binaryOperator
    : comparisonOperator
    | PLUS
    | MINUS
    | ASTERISK
    | SLASH
    | PERCENT
    | CONCAT
    | AND
    | OR
    | IS NOT? DISTINCT FROM
    ;

comparisonOperator
    : EQ
    | NEQ
    | LT
    | LTE
    | GT
    | GTE
    ;

primaryExpression
    : NULL                                                                   #nullLiteral
    | booleanValue                                                           #booleanLiteral
    | UNKNOWN                                                                #unknownLiteral
    | number                                                                 #numericLiteral
    | string                                                                 #stringLiteral
    | (DATE | TIME | TIMESTAMP) string                                       #typedLiteral
    | interval                                                               #intervalLiteral
    | INTERVAL (PLUS | MINUS)? intervalOperand intervalQualifierStart        #intervalExpression
    | '?'                                                                    #parameter
    | CAST '(' expression AS castTarget ')'                                  #cast
    | EXTRACT '(' identifier FROM expression ')'                             #extract
    | POSITION '(' primaryExpression IN expression (FROM expression)? ')'    #position
    | SUBSTRING '(' expression FROM expression (FOR expression)? ')'         #substring
    | TRIM '(' (BOTH | LEADING | TRAILING) trimChars=expression?
        FROM trimSource=expression ')'                                       #trimWithSpec
    | TRIM '(' trimChars=expression FROM trimSource=expression ')'           #trimFrom
    | OVERLAY '(' expression PLACING expression FROM expression
        (FOR expression)? ')'                                                #overlay
    | (FLOOR | CEIL | CEILING) '(' expression TO identifier ')' over?        #floorCeilTo
    | CASE operand=expression? whenClause+ (ELSE elseExpression=expression)? END   #case
    | ROW '(' expression (',' expression)* ')'                               #rowExpression
    | functionName '(' functionArguments? ')'
        nullTreatment? withinGroup? filter? over?                            #functionCall
    | (CURRENT_DATE | CURRENT_TIME | CURRENT_TIMESTAMP
        | LOCALTIME | LOCALTIMESTAMP)                                        #contextVariable
    | qualifiedName ('.' ASTERISK)?                                          #columnReference
    | '(' query ')'                                                          #subqueryExpression
    | '(' expression (',' expression)* ')'                                   #parenthesizedExpression
    ;

intervalOperand
    : number
    | qualifiedName
    | '(' expression ')'
    ;

whenClause
    : WHEN expression (',' expression)* THEN expression
    ;

castTarget
    : dataType
    | INTERVAL intervalQualifier
    ;

functionName
    : qualifiedName
    | LEFT
    | RIGHT
    | GROUPING
    | CURRENT_DATE
    | CURRENT_TIME
    | CURRENT_TIMESTAMP
    | LOCALTIME
    | LOCALTIMESTAMP
    ;

functionArguments
    : ASTERISK
    | setQuantifier? functionArgument (',' functionArgument)*
    ;

functionArgument
    : (identifier ARROW)? expression
    ;

nullTreatment
    : (IGNORE | RESPECT) NULLS
    ;

withinGroup
    : WITHIN GROUP '(' ORDER BY sortItem (',' sortItem)* ')'
    ;

filter
    : FILTER '(' WHERE expression ')'
    ;

over
    : OVER (identifier | windowSpecification)
    ;

interval
    : INTERVAL (PLUS | MINUS)? string intervalQualifier
    ;

intervalQualifier
    : startUnit=intervalUnit startPrecision=intervalPrecision?
      (TO endUnit=intervalUnit endPrecision=intervalPrecision?)?
    ;

intervalQualifierStart
    : intervalUnit intervalPrecision?
    ;

intervalPrecision
    : '(' INTEGER_VALUE (',' INTEGER_VALUE)? ')'
    ;

intervalUnit
    : YEAR | YEARS | QUARTER | QUARTERS | MONTH | MONTHS | WEEK | WEEKS
    | DAY | DAYS | HOUR | HOURS | MINUTE | MINUTES | SECOND | SECONDS
    ;

qualifiedName
    : identifier ('.' identifier)*
    ;

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | nonReserved
    ;

number
    : INTEGER_VALUE
    | DECIMAL_VALUE
    | DOUBLE_VALUE
    ;

string
    : STRING
    ;

booleanValue
    : TRUE
    | FALSE
    ;

// Keywords that can be used as names. Everything else in the keyword list is reserved.
nonReserved
    : ADD | AGAINST | ANALYZE | ASC | CASCADE | CEIL | CEILING | CHANGES | CHAR | CHARACTER | COLUMN | COMMENT
    | COMMIT | COMMITS | COUNT | DATA | DATASET | DATASETS | DATE | DAY | DAYS | DEPENDENTS | DESC | DOUBLE
    | DRIFT | EVENT | EXPECTATION | EXPECTATIONS | EXPLAIN | FEATURE | FEATURES | FIRST | FLOOR | FOLLOWING | FORMAT | FRACTION
    | GROUPS | HOUR | HOURS | IF | IGNORE | KEY | KEYS | LAST | LATEST | LINEAGE | LOCAL | LOGGING
    | MATCHES | MAX | MEAN | MIN | MINUTE | MINUTES | MONTH | MONTHS | NEXT | NULLS | OF | OFFLINE
    | ONLINE | ONLY | ORDINALITY | OVERLAY | PLACING | PLAN | POSITION | PRECEDING | PRECISION | PRIMARY | QUARTER | QUARTERS
    | RANDOM | RECREATE | REFRESH | REJECT | RESET | RESPECT | SECOND | SECONDS | SEED | SERVED | SETS | SHOW
    | SINCE | SPINE | SPLIT | STALENESS | STATISTICS | STDDEV
    | SUBSTRING | TAG | TAGS | TIME | TIMESTAMP | TRAINING | TRIM | TYPE | UNBOUNDED | UNSET | UNTIL
    | UNIQUE | VALIDATIONS | VARYING | VERSION | VIEW | VIEWS | VIOLATION | WARN | WEEK | WEEKS | WITHOUT
    | YEAR | YEARS | ZONE
    ;

// ---------------------------------------------------------------- lexer

// reserved
ALL: 'ALL';
ALTER: 'ALTER';
AND: 'AND';
ANY: 'ANY';
AS: 'AS';
ASOF: 'ASOF';
ASYMMETRIC: 'ASYMMETRIC';
BETWEEN: 'BETWEEN';
BOTH: 'BOTH';
BY: 'BY';
CASE: 'CASE';
CAST: 'CAST';
CHECK: 'CHECK';
CONSTRAINT: 'CONSTRAINT';
CREATE: 'CREATE';
CROSS: 'CROSS';
CUBE: 'CUBE';
CURRENT: 'CURRENT';
CURRENT_DATE: 'CURRENT_DATE';
CURRENT_TIME: 'CURRENT_TIME';
CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP';
DEFAULT: 'DEFAULT';
DESCRIBE: 'DESCRIBE';
DISTINCT: 'DISTINCT';
DROP: 'DROP';
ELSE: 'ELSE';
END: 'END';
ESCAPE: 'ESCAPE';
EXCEPT: 'EXCEPT';
EXISTS: 'EXISTS';
EXTRACT: 'EXTRACT';
FALSE: 'FALSE';
FETCH: 'FETCH';
FILTER: 'FILTER';
FOR: 'FOR';
FROM: 'FROM';
FULL: 'FULL';
GROUP: 'GROUP';
GROUPING: 'GROUPING';
HAVING: 'HAVING';
IN: 'IN';
INNER: 'INNER';
INSERT: 'INSERT';
INTERSECT: 'INTERSECT';
INTERVAL: 'INTERVAL';
INTO: 'INTO';
IS: 'IS';
JOIN: 'JOIN';
LATERAL: 'LATERAL';
LEADING: 'LEADING';
LEFT: 'LEFT';
LIKE: 'LIKE';
LIMIT: 'LIMIT';
LOCALTIME: 'LOCALTIME';
LOCALTIMESTAMP: 'LOCALTIMESTAMP';
MATCH_CONDITION: 'MATCH_CONDITION';
NATURAL: 'NATURAL';
NOT: 'NOT';
NULL: 'NULL';
OFFSET: 'OFFSET';
ON: 'ON';
OR: 'OR';
ORDER: 'ORDER';
OUTER: 'OUTER';
OVER: 'OVER';
PARTITION: 'PARTITION';
QUALIFY: 'QUALIFY';
RANGE: 'RANGE';
RECURSIVE: 'RECURSIVE';
RIGHT: 'RIGHT';
ROLLUP: 'ROLLUP';
ROW: 'ROW';
ROWS: 'ROWS';
SELECT: 'SELECT';
SET: 'SET';
SIMILAR: 'SIMILAR';
SOME: 'SOME';
SYMMETRIC: 'SYMMETRIC';
TABLE: 'TABLE';
THEN: 'THEN';
TO: 'TO';
TRAILING: 'TRAILING';
TRUE: 'TRUE';
UNION: 'UNION';
UNKNOWN: 'UNKNOWN';
UNNEST: 'UNNEST';
USING: 'USING';
VALUES: 'VALUES';
WHEN: 'WHEN';
WHERE: 'WHERE';
WINDOW: 'WINDOW';
WITH: 'WITH';
WITHIN: 'WITHIN';

// non-reserved
ADD: 'ADD';
ANALYZE: 'ANALYZE';
AGAINST: 'AGAINST';
ASC: 'ASC';
CASCADE: 'CASCADE';
CEIL: 'CEIL';
CEILING: 'CEILING';
CHANGES: 'CHANGES';
CHAR: 'CHAR';
CHARACTER: 'CHARACTER';
COLUMN: 'COLUMN';
COMMENT: 'COMMENT';
COMMIT: 'COMMIT';
COMMITS: 'COMMITS';
COUNT: 'COUNT';
DATA: 'DATA';
DATASET: 'DATASET';
DATASETS: 'DATASETS';
DATE: 'DATE';
DAY: 'DAY';
DAYS: 'DAYS';
DEPENDENTS: 'DEPENDENTS';
DESC: 'DESC';
DOUBLE: 'DOUBLE';
DRIFT: 'DRIFT';
EVENT: 'EVENT';
EXPECTATION: 'EXPECTATION';
EXPECTATIONS: 'EXPECTATIONS';
EXPLAIN: 'EXPLAIN';
FEATURE: 'FEATURE';
FEATURES: 'FEATURES';
FIRST: 'FIRST';
FLOOR: 'FLOOR';
FOLLOWING: 'FOLLOWING';
FORMAT: 'FORMAT';
FRACTION: 'FRACTION';
GROUPS: 'GROUPS';
HOUR: 'HOUR';
HOURS: 'HOURS';
IF: 'IF';
IGNORE: 'IGNORE';
KEY: 'KEY';
KEYS: 'KEYS';
LAST: 'LAST';
LATEST: 'LATEST';
LINEAGE: 'LINEAGE';
LOCAL: 'LOCAL';
MATCHES: 'MATCHES';
LOGGING: 'LOGGING';
MAX: 'MAX';
MEAN: 'MEAN';
MIN: 'MIN';
MINUTE: 'MINUTE';
MINUTES: 'MINUTES';
MONTH: 'MONTH';
MONTHS: 'MONTHS';
NEXT: 'NEXT';
NULLS: 'NULLS';
OF: 'OF';
OFFLINE: 'OFFLINE';
ONLINE: 'ONLINE';
ONLY: 'ONLY';
ORDINALITY: 'ORDINALITY';
OVERLAY: 'OVERLAY';
PLACING: 'PLACING';
PLAN: 'PLAN';
POSITION: 'POSITION';
PRECEDING: 'PRECEDING';
PRECISION: 'PRECISION';
PRIMARY: 'PRIMARY';
QUARTER: 'QUARTER';
QUARTERS: 'QUARTERS';
RANDOM: 'RANDOM';
RECREATE: 'RECREATE';
REFRESH: 'REFRESH';
REJECT: 'REJECT';
RESET: 'RESET';
RESPECT: 'RESPECT';
SECOND: 'SECOND';
SECONDS: 'SECONDS';
SEED: 'SEED';
SERVED: 'SERVED';
SETS: 'SETS';
SHOW: 'SHOW';
SINCE: 'SINCE';
SPINE: 'SPINE';
SPLIT: 'SPLIT';
STALENESS: 'STALENESS';
STATISTICS: 'STATISTICS';
STDDEV: 'STDDEV';
SUBSTRING: 'SUBSTRING';
TAG: 'TAG';
TAGS: 'TAGS';
TIME: 'TIME';
TIMESTAMP: 'TIMESTAMP';
TRAINING: 'TRAINING';
TRIM: 'TRIM';
TYPE: 'TYPE';
UNBOUNDED: 'UNBOUNDED';
UNIQUE: 'UNIQUE';
UNSET: 'UNSET';
UNTIL: 'UNTIL';
VALIDATIONS: 'VALIDATIONS';
VARYING: 'VARYING';
VERSION: 'VERSION';
VIEW: 'VIEW';
VIEWS: 'VIEWS';
VIOLATION: 'VIOLATION';
WARN: 'WARN';
WEEK: 'WEEK';
WEEKS: 'WEEKS';
WITHOUT: 'WITHOUT';
YEAR: 'YEAR';
YEARS: 'YEARS';
ZONE: 'ZONE';

// operators and punctuation
EQ: '=';
NEQ: '<>' | '!=';
LT: '<';
LTE: '<=';
GT: '>';
GTE: '>=';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
PERCENT: '%';
CONCAT: '||';
ARROW: '=>';
QUESTION_MARK: '?';
DOT: '.';
COMMA: ',';
LPAREN: '(';
RPAREN: ')';
SEMICOLON: ';';

STRING
    : '\'' ( ~'\'' | '\'\'' )* '\''
    ;

// Longest match: only wins when the closing quote is missing.
UNTERMINATED_STRING
    : '\'' ( ~'\'' | '\'\'' )*
    ;

INTEGER_VALUE
    : DIGIT+
    ;

DECIMAL_VALUE
    : DIGIT+ '.' DIGIT*
    | '.' DIGIT+
    ;

DOUBLE_VALUE
    : (DIGIT+ ('.' DIGIT*)? | '.' DIGIT+) 'E' [+-]? DIGIT+
    ;

IDENTIFIER
    : LETTER (LETTER | DIGIT)*
    ;

QUOTED_IDENTIFIER
    : '"' ( ~'"' | '""' )* '"'
    ;

UNTERMINATED_QUOTED_IDENTIFIER
    : '"' ( ~'"' | '""' )*
    ;

BACKQUOTED_IDENTIFIER
    : '`' ( ~'`' | '``' )* '`'?
    ;

SIMPLE_COMMENT
    : '--' ~[\r\n]* -> channel(HIDDEN)
    ;

BRACKETED_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

// Cannot contain "*/", so it only wins when the comment is not closed.
UNTERMINATED_COMMENT
    : '/*' ( ~'*' | '*'+ ~[*/] )* '*'*
    ;

WS
    : [ \r\n\t\f]+ -> channel(HIDDEN)
    ;

UNRECOGNIZED
    : .
    ;

fragment DIGIT
    : [0-9]
    ;

fragment LETTER
    : [A-Z_$]
    | '\u00C0'..'\u00D6'
    | '\u00D8'..'\u00F6'
    | '\u00F8'..'\u1FFF'
    | '\u3040'..'\u318F'
    | '\u3300'..'\u337F'
    | '\u3400'..'\u3D2D'
    | '\u4E00'..'\u9FFF'
    | '\uF900'..'\uFAFF'
    ;
