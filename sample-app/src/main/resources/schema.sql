-- What happened to each order, in order; read by OrderHistoryService.
CREATE TABLE order_event (
	order_id BIGINT NOT NULL,
	seq INT NOT NULL,
	status VARCHAR(32) NOT NULL,
	at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (order_id, seq)
);
