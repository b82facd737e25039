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

package io.github.paralleltasks.micrometer;

import java.util.Objects;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Observation.Context} that keeps its first two entries (the objects that
 * handlers put into it) in fields of its own instead of its map: the meter handler puts
 * two, its samples, into each context, and a map costs a table and an entry for each.
 *
 * <p>
 * A third entry, {@code computeIfAbsent} or {@code toString()} moves the entries into the
 * context's map first, and from then on it is a plain context. So every reader sees what
 * a plain context would hold. That holds only while {@code Observation.Context} reaches
 * its map through the methods overridden here: if it has methods other than those
 * {@link ContextMethods} knows (a version of Micrometer not known here), nothing is kept.
 *
 * @author parallel-tasks authors
 */
abstract class KeptEntriesContext extends Observation.Context {

	// The entries while kept, a key null for a free slot; guarded by this context's lock
	private @Nullable Object key0;

	private @Nullable Object value0;

	private @Nullable Object key1;

	private @Nullable Object value1;

	/** Whether the entries are in the map; written once under the lock, read without. */
	private volatile boolean inMap;

	@Override
	public <T> Observation.Context put(Object key, T object) {
		Objects.requireNonNull(key, "Key must not be null");
		Objects.requireNonNull(object, "Object must not be null");
		if (keeps()) {
			synchronized (this) {
				if (!this.inMap) {
					if (key.equals(this.key0) || (this.key0 == null && !key.equals(this.key1))) {
						this.key0 = key;
						this.value0 = object;
						return this;
					}
					if (key.equals(this.key1) || this.key1 == null) {
						this.key1 = key;
						this.value1 = object;
						return this;
					}
					moveToMap();
				}
			}
		}
		return super.put(key, object);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key) {
		Objects.requireNonNull(key, "Key must not be null");
		if (keeps()) {
			synchronized (this) {
				if (!this.inMap) {
					return (T) kept(key);
				}
			}
		}
		return super.get(key);
	}

	@Override
	public @Nullable Object remove(Object key) {
		Objects.requireNonNull(key, "Key must not be null");
		if (keeps()) {
			synchronized (this) {
				if (!this.inMap) {
					Object removed = kept(key);
					if (key.equals(this.key0)) {
						this.key0 = null;
						this.value0 = null;
					}
					else if (key.equals(this.key1)) {
						this.key1 = null;
						this.value1 = null;
					}
					return removed;
				}
			}
		}
		return super.remove(key);
	}

	@Override
	public <T> T getRequired(Object key) {
		T object = get(key);
		if (object == null) {
			throw new IllegalArgumentException("Context does not have an entry for key [" + key + "]");
		}
		return object;
	}

	@Override
	public boolean containsKey(Object key) {
		return get(key) != null;
	}

	@Override
	public <T> T getOrDefault(Object key, T defaultObject) {
		T object = get(key);
		return (object != null) ? object : defaultObject;
	}

	@Override
	public <T> T computeIfAbsent(Object key, Function<Object, ? extends T> mappingFunction) {
		// The map's, atomic: the function must not run under this context's lock
		entriesInMap();
		return super.computeIfAbsent(key, mappingFunction);
	}

	@Override
	public void clear() {
		if (keeps()) {
			synchronized (this) {
				if (!this.inMap) {
					this.key0 = null;
					this.value0 = null;
					this.key1 = null;
					this.value1 = null;
					return;
				}
			}
		}
		super.clear();
	}

	@Override
	public String toString() {
		// The superclass prints its map
		entriesInMap();
		return super.toString();
	}

	/**
	 * Return whether the entries may be kept, and still are. Every entry goes to the map
	 * of a context whose methods {@link ContextMethods} does not know.
	 */
	private boolean keeps() {
		return ContextMethods.KNOWN && !this.inMap;
	}

	private @Nullable Object kept(Object key) {
		if (key.equals(this.key0)) {
			return this.value0;
		}
		return key.equals(this.key1) ? this.value1 : null;
	}

	private void entriesInMap() {
		if (keeps()) {
			synchronized (this) {
				if (!this.inMap) {
					moveToMap();
				}
			}
		}
	}

	// Called under the lock
	private void moveToMap() {
		moveToMap(this.key0, this.value0);
		moveToMap(this.key1, this.value1);
		this.key0 = null;
		this.value0 = null;
		this.key1 = null;
		this.value1 = null;
		this.inMap = true;
	}

	private void moveToMap(@Nullable Object key, @Nullable Object value) {
		if (key != null && value != null) {
			super.put(key, value);
		}
	}

}
