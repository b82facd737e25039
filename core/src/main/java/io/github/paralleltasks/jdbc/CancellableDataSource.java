/*
 * Copyright 2026 the parallel-tasks authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.paralleltasks.jdbc;

import javax.sql.DataSource;

/**
 * A {@link DataSource} whose statements are cancelled in the database when the batch task
 * that executes them is cancelled: what {@link JdbcCancellation#wrap(DataSource)}
 * returns, and the class-based proxies of the data source beans that the Spring Boot
 * auto-configuration makes. It adds no method; implement it only through those.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see JdbcCancellation#isWrapped(DataSource)
 */
public interface CancellableDataSource extends DataSource {

}
