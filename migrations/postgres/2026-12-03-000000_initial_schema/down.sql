DROP TABLE enhanced_resumes;
DROP TABLE jobs;
DROP TABLE users;
