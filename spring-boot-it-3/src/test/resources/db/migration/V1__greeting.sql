create table greeting (id int primary key, text varchar(100) not null);
insert into greeting values (1, 'hello from flyway');
