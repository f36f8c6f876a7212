# Reads the exports with R's own clients (Debian's r-cran-haven, r-cran-readstata13, r-cran-rsqlite) and prints
# what a researcher would see, one fact per line ("kind<TAB>...") for tests/test_export_clients.py to check.
args <- commandArgs(trailingOnly = TRUE)
folder <- args[1]
stem <- args[2]
suppressPackageStartupMessages({
  library(haven)
  library(DBI)
  library(RSQLite)
  library(readstata13)
})
one_line <- function(x) gsub("[\r\n\t]", " ", x)

for (table in c("sentences", "persons", "trials")) {
  path <- file.path(folder, paste0(stem, "-", table, ".dta"))
  data <- read_dta(path)
  cat("rows", table, nrow(data), "\n", sep = "\t")
  cat("dataset_label", table, one_line(attr(data, "label")), "\n", sep = "\t")
  for (column in names(data)) {
    label <- attr(data[[column]], "label")
    cat("variable_label", table, column, one_line(if (is.null(label)) "" else label), "\n", sep = "\t")
    if (is.labelled(data[[column]])) {
      labels <- attr(data[[column]], "labels")
      cat("value_labels", table, column, paste(names(labels), collapse = "|"), "\n", sep = "\t")
      counts <- table(as_factor(data[[column]], levels = "labels"))
      cat("labelled_counts", table, column, paste(names(counts), counts, sep = "=", collapse = "|"), "\n", sep = "\t")
    }
  }
  # Stata keeps notes as characteristics: readstata13 returns them as (owner, name, text) triples.
  notes <- attr(read.dta13(path, convert.factors = FALSE, generate.factors = FALSE), "expansion.fields")
  for (note in notes) cat("note", table, note[1], note[2], one_line(note[3]), "\n", sep = "\t")
}

db <- dbConnect(SQLite(), file.path(folder, paste0(stem, ".sqlite")))
joined <- dbGetQuery(db, "
  SELECT s.sentence_id, p.name AS person, t.court, s.outcome, v.definition AS outcome_means
  FROM sentences s
  JOIN persons p ON p.person_id = s.person_id
  JOIN trials t ON t.trial_id = s.trial_id
  JOIN _values_sentences_outcome v ON v.value = s.outcome")
cat("joined_rows", nrow(joined), "\n", sep = "\t")
cat("joined_first", one_line(paste(joined[1, ], collapse = "|")), "\n", sep = "\t")
meta <- dbGetQuery(db, "SELECT key, value FROM _meta")
for (i in seq_len(nrow(meta))) cat("meta", meta$key[i], one_line(meta$value[i]), "\n", sep = "\t")
cat("foreign_key_problems", nrow(dbGetQuery(db, "PRAGMA foreign_key_check")), "\n", sep = "\t")
dbDisconnect(db)
